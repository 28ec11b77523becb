package org.muraarena.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ComputeTest {

    @Test
    void gpuSecondsAreTheWallTimeOnlyWhereAGpuRanAndBothAreRoundedToMilliseconds() {
        assertEquals(new Compute(1.235, null), Compute.of(Duration.ofNanos(1_234_500_000), false, Duration.ofSeconds(9)));
        assertEquals(new Compute(1.235, 9.0), Compute.of(Duration.ofNanos(1_234_500_000), true, Duration.ofSeconds(9)));
    }

    @Test
    void attemptsAddUpAndGpuSecondsStayNullOnlyWhenNoAttemptHadAGpu() {
        assertEquals(new Compute(3.5, null), new Compute(1, null).plus(new Compute(2.5, null)));
        assertEquals(new Compute(3.5, 4.0), new Compute(1, null).plus(new Compute(2.5, 4.0)));
        assertEquals(new Compute(1, null), new Compute(1, null).plus(null));
        assertNull(new Compute(1, null).plus(new Compute(0, null)).gpuSeconds());
    }

    @Test
    void negativeOrUndefinedSecondsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Compute(-1, null));
        assertThrows(IllegalArgumentException.class, () -> new Compute(Double.NaN, null));
        assertThrows(IllegalArgumentException.class, () -> new Compute(1, -0.5));
    }
}

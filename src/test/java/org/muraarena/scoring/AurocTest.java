package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AurocTest {

    @Test
    void tiesBetweenAnAbnormalAndANormalStudyCountOneHalf() {
        assertEquals(0.5, Auroc.of(new int[] {1, 0}, new double[] {0.3, 0.3}));
        // pairs: (0.9 vs 0.1) win, (0.9 vs 0.5) win, (0.5 vs 0.1) win, (0.5 vs 0.5) tie → 3.5 / 4
        assertEquals(0.875, Auroc.of(new int[] {1, 1, 0, 0}, new double[] {0.9, 0.5, 0.1, 0.5}));
    }

    @Test
    void aurocIsNullWhenOnlyOneClassIsPresent() {
        assertNull(Auroc.of(new int[] {1, 1}, new double[] {0.2, 0.8}));
        assertNull(Auroc.of(new int[0], new double[0]));
    }

    @Test
    void bootstrapIsDeterministicForAFixedSeedAndBracketsTheEstimate() {
        int[] labels = {1, 0, 1, 0, 1, 0, 1, 1, 0, 0};
        double[] scores = {0.9, 0.2, 0.7, 0.4, 0.3, 0.5, 0.8, 0.6, 0.1, 0.65};
        double[] first = new AurocBootstrap(500, 3).interval(labels, scores);
        assertArrayEquals(first, new AurocBootstrap(500, 3).interval(labels, scores));
        double auroc = Auroc.of(labels, scores);
        assertNotNull(first);
        assertEquals(true, first[0] <= auroc && auroc <= first[1]);
    }

    @Test
    void percentileInterpolatesLinearlyAsNumpyDoes() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1.075, AurocBootstrap.percentile(sorted, 2.5), 1e-15);
        assertEquals(3.925, AurocBootstrap.percentile(sorted, 97.5), 1e-15);
        assertEquals(5.0, AurocBootstrap.percentile(new double[] {5}, 97.5));
    }
}

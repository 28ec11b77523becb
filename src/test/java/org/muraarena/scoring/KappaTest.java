package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KappaTest {

    @Test
    void officialIntervalReproducesThePublishedBaselineInterval() {
        // 207 studies with kappa 0.705 at three decimals, like the paper's baseline model.
        Kappa.Result result = Kappa.of(new ConfusionMatrix(65, 8, 113, 21));
        assertEquals("0.705", String.format("%.3f", result.kappa()));
        assertEquals("0.700", String.format("%.3f", result.ciOfficial()[0]));
        assertEquals("0.710", String.format("%.3f", result.ciOfficial()[1]));
    }

    @Test
    void correctIntervalUsesTheSquareRootAndIsWiderThanTheOfficialOne() {
        Kappa.Result result = Kappa.of(new ConfusionMatrix(65, 8, 113, 21));
        double po = 178.0 / 207;
        double pe = (86.0 * 73 + 121.0 * 134) / (207.0 * 207);
        double se = Math.sqrt(po * (1 - po) / (207 * (1 - pe) * (1 - pe)));
        assertArrayEquals(new double[] {result.kappa() - 1.96 * se, result.kappa() + 1.96 * se}, result.ci(), 1e-15);
        assertTrue(result.ci()[1] - result.ci()[0] > 10 * (result.ciOfficial()[1] - result.ciOfficial()[0]));
    }

    @Test
    void kappaIsUndefinedWhenBothRatersGiveOneAndTheSameClass() {
        assertNull(Kappa.of(new ConfusionMatrix(5, 0, 0, 0)).kappa());
        assertNull(Kappa.of(new ConfusionMatrix(0, 0, 7, 0)).ci());
        assertNull(Kappa.of(new ConfusionMatrix(0, 0, 0, 0)).kappa());
    }

    @Test
    void oneWrongStudyHasKappaZeroAndIntervalsClippedToTheRange() {
        Kappa.Result result = Kappa.of(new ConfusionMatrix(0, 0, 0, 1));
        assertEquals(0.0, result.kappa());
        assertArrayEquals(new double[] {0, 0}, result.ci());
        Kappa.Result perfect = Kappa.of(new ConfusionMatrix(1, 0, 1, 0));
        assertArrayEquals(new double[] {1, 1}, perfect.ci());
        Kappa.Result wide = Kappa.of(new ConfusionMatrix(2, 1, 1, 1));
        assertTrue(wide.ci()[0] >= -1 && wide.ci()[1] <= 1);
    }
}

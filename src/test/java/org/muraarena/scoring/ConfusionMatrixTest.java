package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    // Ten studies; 0.5 itself is a normal call (abnormal iff strictly above the threshold).
    private static final int[] GOLD = {1, 1, 1, 0, 0, 0, 0, 0, 1, 0};
    private static final double[] PROBABILITIES = {0.9, 0.5, 0.51, 0.2, 0.7, 0.5, 0.1, 0.49, 0.3, 0.6};

    @Test
    void callsAtTheThresholdCountAsScikitLearnsConfusionMatrixAndAccuracy() {
        // Calls: 1 0 1 0 1 0 0 0 0 1. By hand, as sklearn.metrics.confusion_matrix(gold, calls) lays
        // it out, [[tn, fp], [fn, tp]] = [[4, 2], [2, 2]]; accuracy_score = 6 agreeing of 10 = 0.6.
        ConfusionMatrix m = ConfusionMatrix.atThreshold(GOLD, PROBABILITIES);
        assertEquals(new ConfusionMatrix(2, 2, 4, 2), m);
        assertEquals(0.6, m.accuracy());
        assertEquals(4, m.abnormal());
        assertEquals(6, m.normal());
        assertEquals(10, m.n());
    }

    @Test
    void theMatrixGivesTheScoredKappaSensitivityAndSpecificity() {
        ConfusionMatrix m = ConfusionMatrix.atThreshold(GOLD, PROBABILITIES);
        Metrics scored = Metrics.of(GOLD, PROBABILITIES, AurocBootstrap.DEFAULT);
        // p_o = 0.6, p_e = (4·4 + 6·6) / 100 = 0.52: kappa = 0.08 / 0.48 (sklearn's cohen_kappa_score).
        assertEquals(0.08 / 0.48, scored.kappa(), 1e-12);
        assertEquals(Kappa.of(m).kappa(), scored.kappa());
        assertEquals(0.5, scored.sensitivity());
        assertEquals(4.0 / 6, scored.specificity());
    }

    @Test
    void accuracyIsUndefinedWithoutStudies() {
        assertNull(ConfusionMatrix.atThreshold(new int[0], new double[0]).accuracy());
        assertEquals(1.0, ConfusionMatrix.atThreshold(new int[] {0, 0}, new double[] {0.1, 0.2}).accuracy());
    }
}

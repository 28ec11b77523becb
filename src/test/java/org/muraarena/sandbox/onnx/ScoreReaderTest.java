package org.muraarena.sandbox.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.muraarena.core.Manifest;

class ScoreReaderTest {
    private static ScoreReader reader(Manifest.OutputType type, int index) {
        return new ScoreReader(new Manifest.Output(null, type, index));
    }

    @Test
    void probabilityIsTakenAsIsAtTheIndex() throws Exception {
        assertEquals(0.25f, reader(Manifest.OutputType.PROBABILITY, 1).probability(new float[] {0.9f, 0.25f}, "a"), 0);
    }

    @Test
    void logitGoesThroughSigmoidWithoutOverflow() throws Exception {
        ScoreReader r = reader(Manifest.OutputType.LOGIT, 0);
        assertEquals(0.5, r.probability(new float[] {0}, "a"), 1e-12);
        assertEquals(1 / (1 + Math.exp(-2.0)), r.probability(new float[] {2}, "a"), 1e-12);
        assertEquals(0, r.probability(new float[] {-1e30f}, "a"), 1e-12);
        assertEquals(1, r.probability(new float[] {1e30f}, "a"), 1e-12);
    }

    @Test
    void softmaxIsTakenOverTheRowThenIndexed() throws Exception {
        double e1 = Math.exp(1);
        double e2 = Math.exp(2);
        double e3 = Math.exp(3);
        ScoreReader r = reader(Manifest.OutputType.SOFTMAX, 2);
        assertEquals(e3 / (e1 + e2 + e3), r.probability(new float[] {1, 2, 3}, "a"), 1e-12);
        assertEquals(0.5, r.probability(new float[] {1000, 2000, 2000}, "a"), 1e-12, "shifted, no overflow");
    }

    @Test
    void nonFiniteOutputNamesTheImage() {
        ScoreReader.InvalidScoreException e = assertThrows(ScoreReader.InvalidScoreException.class,
                () -> reader(Manifest.OutputType.SOFTMAX, 0).probability(new float[] {0.1f, Float.NaN}, "study1/image2.png"));
        assertTrue(e.getMessage().contains("study1/image2.png") && e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(ScoreReader.InvalidScoreException.class,
                () -> reader(Manifest.OutputType.LOGIT, 0).probability(new float[] {Float.POSITIVE_INFINITY}, "x"));
    }

    @Test
    void probabilityOutsideTheUnitIntervalIsRefused() {
        ScoreReader.InvalidScoreException e = assertThrows(ScoreReader.InvalidScoreException.class,
                () -> reader(Manifest.OutputType.PROBABILITY, 0).probability(new float[] {1.5f}, "img.png"));
        assertTrue(e.getMessage().contains("img.png") && e.getMessage().contains("outside [0,1]"), e.getMessage());
        assertThrows(ScoreReader.InvalidScoreException.class,
                () -> reader(Manifest.OutputType.PROBABILITY, 0).probability(new float[] {-0.01f}, "img.png"));
    }

    @Test
    void indexBeyondTheRowIsRefused() {
        ScoreReader.InvalidScoreException e = assertThrows(ScoreReader.InvalidScoreException.class,
                () -> reader(Manifest.OutputType.SOFTMAX, 2).probability(new float[] {0.1f, 0.2f}, "x"));
        assertTrue(e.getMessage().contains("index 2"), e.getMessage());
    }
}

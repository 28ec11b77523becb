package org.muraarena.sandbox.onnx;

import org.muraarena.core.Manifest;

/**
 * Reads one image's probability of abnormality from its raw output row as the manifest's
 * {@code output} says: probability (as is), logit (sigmoid) or softmax (over the row, then the
 * index), and refuses what cannot be a probability.
 */
public final class ScoreReader {
    private final Manifest.OutputType type;
    private final int index;

    public ScoreReader(Manifest.Output output) {
        this.type = output.type();
        this.index = output.index();
    }

    /** A row that yields no valid probability; the message names the image. */
    public static final class InvalidScoreException extends Exception {
        InvalidScoreException(String message) {
            super(message);
        }
    }

    /** The probability for {@code image} from its output {@code row}. */
    public double probability(float[] row, String image) throws InvalidScoreException {
        for (float v : row) {
            // Checked on the whole row: one NaN logit poisons a softmax anyway, and a model
            // emitting NaN anywhere is broken even where the index does not look.
            if (!Float.isFinite(v)) {
                throw new InvalidScoreException("the model's output for " + image + " is " + v);
            }
        }
        if (index >= row.length) {
            throw new InvalidScoreException("output.index " + index + " is out of range: the model gives "
                    + row.length + " value(s) per image");
        }
        double p = switch (type) {
            case PROBABILITY -> row[index];
            case LOGIT -> sigmoid(row[index]);
            case SOFTMAX -> softmax(row, index);
        };
        if (!(p >= 0 && p <= 1)) {
            throw new InvalidScoreException("the model's probability for " + image + " is " + p
                    + ", outside [0,1] (declare output.type logit if it returns logits)");
        }
        return p;
    }

    static double sigmoid(double x) {
        // exp of a large positive number overflows to infinity, giving 0 rather than NaN: fine.
        return 1 / (1 + Math.exp(-x));
    }

    /** exp(row[i]) / Σ exp(row[j]), shifted by the row's maximum so no term overflows. */
    static double softmax(float[] row, int i) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : row) {
            sum += Math.exp(v - max);
        }
        return Math.exp(row[i] - max) / sum;
    }
}

package org.muraarena.sandbox.onnx;

import java.util.Arrays;

/**
 * An occlusion-sensitivity map (Zeiler &amp; Fergus 2014) of one image: a grid×grid raster of
 * patch positions over the decoded radiograph (image space, so it is right whatever the
 * manifest's resize mode), each value the base probability minus the probability with that
 * patch filled with mid grey. Positive: the region supported "abnormal".
 *
 * <p>Patches overlap: in each axis the stride is side/(grid+1) and a patch is two strides, so
 * patch i covers [i·s, (i+2)·s) and its centre, where the value belongs, is (i+1)·s.
 *
 * @param values row-major, {@code grid * grid}
 */
record OcclusionMap(int grid, double base, double[] values) {
    /** The luminance that fills an occluded patch. */
    static final float GREY = 128f;

    OcclusionMap {
        if (grid < 1 || values.length != grid * grid) {
            throw new IllegalArgumentException(values.length + " values for a " + grid + "x" + grid + " grid");
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    double value(int row, int col) {
        return values[row * grid + col];
    }

    /** The largest change in probability the map holds, either sign. */
    double peak() {
        double peak = 0;
        for (double v : values) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
    }

    /** Patch {@code i}'s pixels along a side of {@code side} pixels: [from, to), never empty. */
    static int[] span(int side, int grid, int i) {
        int from = (int) ((long) i * side / (grid + 1));
        int to = (int) ((long) (i + 2) * side / (grid + 1));
        from = Math.min(from, side - 1);
        return new int[] {from, Math.max(to, from + 1)};
    }

    /** Computes maps with one evaluator, one batched forward pass per patch row. */
    static final class Maker {
        private final OnnxEvaluator evaluator;
        private final ImagePreprocessor preprocessor;
        private final ScoreReader reader;
        private final int grid;

        Maker(OnnxEvaluator evaluator, ImagePreprocessor preprocessor, ScoreReader reader, int grid) {
            if (grid < 1) {
                throw new IllegalArgumentException("grid must be 1 or more, got " + grid);
            }
            this.evaluator = evaluator;
            this.preprocessor = preprocessor;
            this.reader = reader;
            this.grid = grid;
        }

        /**
         * The map of a w×h luminance plane ({@link ImagePreprocessor#luminance}); {@code afterRow}
         * runs after each row's batch. {@code name} names the image in messages.
         */
        OcclusionMap map(float[] luminance, int w, int h, String name, Runnable afterRow)
                throws OnnxModelException, ScoreReader.InvalidScoreException {
            int per = preprocessor.floatsPerImage();
            float[] one = new float[per];
            preprocessor.writeLuminance(luminance, w, h, one, 0);
            double base = reader.probability(evaluator.outputs(one, 1)[0], name);
            float[] batch = new float[Math.multiplyExact(grid, per)];
            float[] work = luminance.clone();
            double[] values = new double[grid * grid];
            for (int r = 0; r < grid; r++) {
                int[] ys = span(h, grid, r);
                for (int c = 0; c < grid; c++) {
                    int[] xs = span(w, grid, c);
                    fill(work, w, xs, ys, null);
                    preprocessor.writeLuminance(work, w, h, batch, c * per);
                    fill(work, w, xs, ys, luminance);
                }
                float[][] rows = evaluator.outputs(batch, grid);
                for (int c = 0; c < grid; c++) {
                    values[r * grid + c] = base - reader.probability(rows[c], name + " occluded at row " + r
                            + ", column " + c);
                }
                afterRow.run();
            }
            return new OcclusionMap(grid, base, values);
        }

        /** Fills the patch with {@link #GREY}, or copies it back from {@code from}. */
        private static void fill(float[] plane, int w, int[] xs, int[] ys, float[] from) {
            for (int y = ys[0]; y < ys[1]; y++) {
                int a = y * w + xs[0];
                int b = y * w + xs[1];
                if (from == null) {
                    Arrays.fill(plane, a, b, GREY);
                } else {
                    System.arraycopy(from, a, plane, a, b - a);
                }
            }
        }
    }
}

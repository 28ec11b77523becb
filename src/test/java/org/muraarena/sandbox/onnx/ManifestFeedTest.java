package org.muraarena.sandbox.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.muraarena.core.Manifest;

/**
 * The evaluator fed as a manifest says: tiny_nhwc_softmax.onnx takes {@code pixels} [N,8,8,1]
 * and gives a decoy {@code aux} [N,1] = m first, then {@code scores} [N,2] = [−m, m], m the mean.
 */
class ManifestFeedTest {
    private static final OnnxEvaluator.Feed NHWC_SCORES = new OnnxEvaluator.Feed(true, "pixels", "scores", 1);

    private static OnnxEvaluator.Options options(OnnxEvaluator.Feed feed) {
        return OnnxEvaluator.Options.of(1, 8, 8).withThreads(1).withBatchSize(4)
                .withAcceleration(OnnxEvaluator.Acceleration.CPU_ONLY).withFeed(feed);
    }

    @Test
    void namedOutputOfAnNhwcOneChannelModelGivesWholeRowsAcrossBatches() throws Exception {
        int count = 6; // 4 + 2
        float[] images = new float[count * 64 + 64]; // a longer, reused buffer is fine
        Random random = new Random(5);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        try (OnnxEvaluator ev = OnnxEvaluator.load(Fixtures.onnx("tiny_nhwc_softmax.onnx"), options(NHWC_SCORES))) {
            float[][] rows = ev.outputs(images, count);
            ScoreReader softmax = new ScoreReader(new Manifest.Output("scores", Manifest.OutputType.SOFTMAX, 1));
            for (int i = 0; i < count; i++) {
                double m = 0;
                for (int j = 0; j < 64; j++) {
                    m += images[i * 64 + j];
                }
                m /= 64;
                assertArrayEquals(new float[] {(float) -m, (float) m}, rows[i], 1e-5f, "image " + i);
                assertEquals(1 / (1 + Math.exp(-2 * m)), softmax.probability(rows[i], "i"), 1e-5);
            }
        }
    }

    @Test
    void theDefaultOutputIsTheFirst() throws Exception {
        OnnxEvaluator.Feed firstOutput = new OnnxEvaluator.Feed(true, null, null, 0);
        try (OnnxEvaluator ev = OnnxEvaluator.load(Fixtures.onnx("tiny_nhwc_softmax.onnx"), options(firstOutput))) {
            float[] image = new float[64];
            java.util.Arrays.fill(image, 0.5f);
            assertArrayEquals(new float[] {0.5f}, ev.outputs(image, 1)[0], 1e-6f);
        }
    }

    @Test
    void layoutNamesAndIndexMustFitTheGraph() {
        String[][] cases = {
            {"NCHW feed of an NHWC model", "false", "pixels", "scores", "1"},
            {"unknown input", "true", "image", "scores", "1"},
            {"unknown output", "true", "pixels", "prob", "0"},
            {"index past K", "true", "pixels", "scores", "2"}};
        for (String[] c : cases) {
            OnnxEvaluator.Feed feed = new OnnxEvaluator.Feed(Boolean.parseBoolean(c[1]), c[2], c[3], Integer.parseInt(c[4]));
            OnnxModelException e = assertThrows(OnnxModelException.class,
                    () -> OnnxEvaluator.load(Fixtures.onnx("tiny_nhwc_softmax.onnx"), options(feed)), c[0]);
            assertEquals(OnnxModelException.Kind.INCOMPATIBLE, e.kind(), c[0]);
            assertTrue(e.getMessage().contains(c[0].startsWith("NCHW") ? "[N,C,H,W]" : c[0].startsWith("index")
                    ? "index 2" : c[0].contains("input") ? "'image'" : "'prob'"), c[0] + ": " + e.getMessage());
        }
    }
}

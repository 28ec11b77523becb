package org.muraarena.sandbox.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.core.Manifest;

/**
 * Occlusion maps and the last-layer randomisation check on real ONNX Runtime, with models whose
 * evidence lies in one known cell of a 4×4 grid over the image (see {@link RegionModels}).
 */
class OcclusionMapTest {
    /** The image: 64×48, so the cell (row 1, column 2) is x in [32, 48), y in [12, 24). */
    private static final int W = 64;
    private static final int H = 48;
    private static final Manifest.Input GREY_32 = new Manifest.Input(null, Manifest.Layout.NCHW, 1, 32, 32, 255.0,
            List.of(0.0), List.of(1.0), Manifest.Resize.STRETCH);
    private static final Manifest.Output PROBABILITY = new Manifest.Output(null, Manifest.OutputType.PROBABILITY, 0);
    /** Weight 10 on the cell, 0.1 elsewhere; the bias puts the bright image near 0.5. */
    private static final float WEIGHT = 10f;
    private static final float BIAS = -9.5f;

    @TempDir
    Path work;

    /** A bright radiograph-like plane (luminance around 215, with texture), so greying a patch lowers it. */
    static BufferedImage brightImage() {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.getRaster().setSample(x, y, 0, 200 + (x * 7 + y * 13) % 31);
            }
        }
        return image;
    }

    private Path save(String name, byte[] model) throws Exception {
        return Files.write(work.resolve(name), model);
    }

    private static OnnxEvaluator load(Path model, int batch) throws Exception {
        return OnnxEvaluator.load(model, OnnxEvaluator.Options.of(1, 32, 32).withThreads(1).withBatchSize(batch)
                .withAcceleration(OnnxEvaluator.Acceleration.CPU_ONLY));
    }

    private static OcclusionMap map(OnnxEvaluator ev, int grid, int[] rows) throws Exception {
        float[] plane = ImagePreprocessor.luminance(brightImage());
        return new OcclusionMap.Maker(ev, new ImagePreprocessor(GREY_32), new ScoreReader(PROBABILITY), grid)
                .map(plane, W, H, "bright.png", () -> rows[0]++);
    }

    private OcclusionMap randomisedMap(byte[] model, int grid) throws Exception {
        byte[] copy = model.clone();
        LastLayerRandomiser.randomise(ByteBuffer.wrap(copy), LastLayerRandomiser.SEED).orElseThrow();
        try (OnnxEvaluator ev = load(save("randomised.onnx", copy), 8)) {
            return map(ev, grid, new int[1]);
        }
    }

    @Test
    void thePeakLiesInTheRegionTheModelLooksAt() throws Exception {
        byte[] model = RegionModels.region(1, 32, 1, 2, WEIGHT, BIAS);
        int[] rows = new int[1];
        OcclusionMap m;
        try (OnnxEvaluator ev = load(save("region.onnx", model), 8)) {
            m = map(ev, 8, rows);
        }
        assertEquals(8, rows[0], "one batch per patch row");
        int best = 0;
        for (int i = 1; i < 64; i++) {
            best = m.values()[i] > m.values()[best] ? i : best;
        }
        double cx = (best % 8 + 1) * (double) W / 9;
        double cy = (best / 8 + 1) * (double) H / 9;
        assertTrue(cx >= 32 && cx < 48 && cy >= 12 && cy < 24, "peak at patch centre (" + cx + ", " + cy + ")");
        assertTrue(m.peak() > 0.2, "greying the region must lower the probability a lot: " + m.peak());
        assertTrue(m.base() > 0.3 && m.base() < 0.9, "base " + m.base());
        // Far from the cell (top-left corner) the patch hardly matters.
        assertTrue(Math.abs(m.value(0, 0)) < m.peak() / 5, "corner " + m.value(0, 0));
    }

    @Test
    void rowsAreBatchedWhateverTheEvaluatorsBatchSize() throws Exception {
        byte[] model = RegionModels.region(1, 32, 1, 2, WEIGHT, BIAS);
        OcclusionMap batched;
        OcclusionMap small;
        int[] rows = new int[1];
        try (OnnxEvaluator ev = load(save("region.onnx", model), 8)) {
            batched = map(ev, 5, new int[1]);
        }
        try (OnnxEvaluator ev = load(save("region.onnx", model), 2)) {
            small = map(ev, 5, rows);
        }
        assertEquals(5, rows[0]);
        for (int i = 0; i < 25; i++) {
            assertEquals(batched.values()[i], small.values()[i], 1e-6, "cell " + i);
        }
    }

    @Test
    void randomisingALearntLastLayerChangesTheMapSoItIsReliable() throws Exception {
        byte[] model = RegionModels.region(1, 32, 1, 2, WEIGHT, BIAS);
        OcclusionMap original;
        try (OnnxEvaluator ev = load(save("region.onnx", model), 8)) {
            original = map(ev, 8, new int[1]);
        }
        OcclusionMap control = randomisedMap(model, 8);
        Double correlation = SanityCheck.correlation(original, control);
        assertNotNull(correlation);
        assertTrue(correlation < 0.5, "correlation " + correlation);
        assertNull(SanityCheck.reason(original, correlation));
    }

    @Test
    void aMapFixedBeforeAScalarLastLayerIsFlaggedUnreliable() throws Exception {
        byte[] model = RegionModels.scalarLastLayer(1, 32, 1, 2, WEIGHT, BIAS);
        assertEquals(List.of("w_last", "b_last"),
                LastLayerRandomiser.randomise(ByteBuffer.wrap(model.clone()), LastLayerRandomiser.SEED).orElseThrow()
                        .tensors());
        OcclusionMap original;
        try (OnnxEvaluator ev = load(save("scalar.onnx", model), 8)) {
            original = map(ev, 8, new int[1]);
        }
        OcclusionMap control = randomisedMap(model, 8);
        Double correlation = SanityCheck.correlation(original, control);
        assertTrue(correlation > 0.8, "correlation " + correlation);
        assertTrue(SanityCheck.reason(original, correlation).contains("barely changes"));
    }

    @Test
    void aFlatMapHasNoCorrelationAndIsNotReliable() {
        OcclusionMap flat = new OcclusionMap(2, 0.5, new double[4]);
        OcclusionMap other = new OcclusionMap(2, 0.5, new double[] {0.1, 0, 0, 0});
        assertNull(SanityCheck.correlation(flat, other));
        assertTrue(SanityCheck.reason(flat, null).contains("flat"));
        assertEquals(0.0, SanityCheck.correlation(other, flat));
        // Signs do not count: a map and its negation correlate fully.
        OcclusionMap negated = new OcclusionMap(2, 0.5, new double[] {-0.1, 0, 0, 0});
        assertEquals(1.0, SanityCheck.correlation(other, negated), 1e-12);
    }

    @Test
    void patchesOverlapAndCoverTheWholeSide() {
        assertEquals(0, OcclusionMap.span(90, 8, 0)[0]);
        assertEquals(20, OcclusionMap.span(90, 8, 0)[1]);
        assertEquals(90, OcclusionMap.span(90, 8, 7)[1]);
        assertEquals(70, OcclusionMap.span(90, 8, 7)[0]);
        int[] tiny = OcclusionMap.span(3, 8, 7); // a side shorter than the grid: still one pixel
        assertTrue(tiny[1] > tiny[0] && tiny[1] <= 3);
    }
}

package org.muraarena.sandbox.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.muraarena.dataset.baseline.OnnxGraph.FLOAT;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.dataset.baseline.OnnxGraph;

class LastLayerRandomiserTest {
    @TempDir
    Path work;

    /** image [N,1,8,8] → Flatten → Gemm(w [64,1] as the encoding says, b) → Add(scale) → Sigmoid. */
    private static byte[] model(String encoding) {
        float[] w = new float[64];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 5 - 2) * 0.1f;
        }
        OnnxGraph g = new OnnxGraph("gemm").input("image", FLOAT, "N", 1, 8, 8).output("abnormal_prob", FLOAT, "N", 1);
        switch (encoding) {
            case "raw" -> g.floats("w", w, 64, 1);
            case "packed" -> g.floatData("w", true, w, 64, 1);
            default -> g.floatData("w", false, w, 64, 1);
        }
        return g.floats("b", new float[] {0.25f}, 1).floats("shift", new float[] {0.5f})
                .node("Flatten", List.of("image"), List.of("flat"), OnnxGraph.intAttr("axis", 1))
                .node("Gemm", List.of("flat", "w", "b"), List.of("z"))
                .node("Add", List.of("z", "shift"), List.of("y"))
                .node("Sigmoid", List.of("y"), List.of("abnormal_prob")).model();
    }

    private float score(byte[] model, String name) throws Exception {
        float[] image = new float[64];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i % 7) / 7f;
        }
        try (OnnxEvaluator ev = OnnxEvaluator.load(Files.write(work.resolve(name), model),
                OnnxEvaluator.Options.of(1, 8, 8).withThreads(1).withAcceleration(OnnxEvaluator.Acceleration.CPU_ONLY))) {
            return ev.predict(image, 1)[0];
        }
    }

    @Test
    void redrawsTheWeightLayerNearestTheOutputInEveryEncoding() throws Exception {
        for (String encoding : List.of("raw", "packed", "unpacked")) {
            byte[] model = model(encoding);
            byte[] copy = model.clone();
            LastLayerRandomiser.Result r = LastLayerRandomiser.randomise(ByteBuffer.wrap(copy), LastLayerRandomiser.SEED)
                    .orElseThrow();
            // The Gemm, not the scalar Add nearer the output: weight layers come first.
            assertEquals(List.of("w", "b"), r.tensors(), encoding);
            assertEquals(65, r.values());
            assertTrue(r.layer().startsWith("Gemm"), r.layer());
            int changed = 0;
            for (int i = 0; i < model.length; i++) {
                changed += model[i] != copy[i] ? 1 : 0;
            }
            assertTrue(changed > 0 && changed <= 4 * 65, encoding + ": " + changed + " bytes changed");
            assertNotEquals(score(model, encoding + ".onnx"), score(copy, encoding + "-random.onnx"), encoding);
            byte[] again = model.clone();
            LastLayerRandomiser.randomise(ByteBuffer.wrap(again), LastLayerRandomiser.SEED);
            assertArrayEquals(copy, again, "same seed, same model");
        }
    }

    @Test
    void withoutWeightLayersTheNearestFloatInitializerCountsEvenAScalar() throws Exception {
        byte[] model = new OnnxGraph("scale").input("image", FLOAT, "N", 1, 8, 8).output("abnormal_prob", FLOAT, "N", 1)
                .floats("k", new float[] {2f})
                .node("ReduceMean", List.of("image"), List.of("m"), OnnxGraph.intsAttr("axes", 1, 2, 3),
                        OnnxGraph.intAttr("keepdims", 1))
                .node("Mul", List.of("m", "k"), List.of("y"))
                .node("Flatten", List.of("y"), List.of("f"), OnnxGraph.intAttr("axis", 1))
                .node("Sigmoid", List.of("f"), List.of("abnormal_prob"))
                .model();
        LastLayerRandomiser.Result r = LastLayerRandomiser.randomise(ByteBuffer.wrap(model), 1).orElseThrow();
        assertEquals(List.of("k"), r.tensors());
        assertTrue(r.layer().startsWith("Mul"), r.layer());
    }

    @Test
    void aGraphWithoutFloatInitializersHasNothingToRandomise() throws Exception {
        byte[] model = new OnnxGraph("plain").input("image", FLOAT, "N", 1, 8, 8).output("abnormal_prob", FLOAT, "N", 1)
                .node("ReduceMean", List.of("image"), List.of("m"), OnnxGraph.intsAttr("axes", 1, 2, 3),
                        OnnxGraph.intAttr("keepdims", 1))
                .node("Flatten", List.of("m"), List.of("f"), OnnxGraph.intAttr("axis", 1))
                .node("Sigmoid", List.of("f"), List.of("abnormal_prob")).model();
        byte[] copy = model.clone();
        assertTrue(LastLayerRandomiser.randomise(ByteBuffer.wrap(copy), 1).isEmpty());
        assertArrayEquals(model, copy, "nothing written");
    }
}

package org.muraarena.sandbox.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the tiny fixtures (input [N,3,8,8], score = sigmoid(mean + 0.25)) through DJL on this host. */
class OnnxEvaluatorTest {
    private static final OnnxEvaluator.Options TINY = OnnxEvaluator.Options.of(3, 8, 8).withThreads(1).withBatchSize(4);
    private static final boolean GPU_HOST = org.muraarena.core.Gpu.present();

    @Test
    void autoRecordsTheProviderThatRanAndWhyNotCuda() throws Exception {
        try (OnnxEvaluator ev = OnnxEvaluator.load(Fixtures.onnx("tiny_dynamic.onnx"), TINY)) {
            assertNotNull(ev.provider());
            if (!GPU_HOST) {
                assertEquals(OnnxEvaluator.Provider.CPU, ev.provider());
                assertTrue(ev.cudaProblem().contains("no NVIDIA driver"), ev.cudaProblem());
            } else if (ev.provider() == OnnxEvaluator.Provider.CPU) {
                assertNotNull(ev.cudaProblem(), "a CPU fallback on a GPU host must say why");
            }
        }
    }

    @Test
    void cpuOnlyNeverTriesCuda() throws Exception {
        try (OnnxEvaluator ev = OnnxEvaluator.load(Fixtures.onnx("tiny_dynamic.onnx"),
                TINY.withAcceleration(OnnxEvaluator.Acceleration.CPU_ONLY))) {
            assertEquals(OnnxEvaluator.Provider.CPU, ev.provider());
            assertNull(ev.cudaProblem());
        }
    }

    @Test
    void cudaRequiredFailsClearlyWithoutGpu() {
        assumeFalse(GPU_HOST, "this host has an NVIDIA driver");
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxEvaluator.load(
                Fixtures.onnx("tiny_dynamic.onnx"), TINY.withAcceleration(OnnxEvaluator.Acceleration.CUDA_REQUIRED)));
        assertEquals(OnnxModelException.Kind.CUDA_UNAVAILABLE, e.kind());
    }

    @Test
    void scoresMatchTheGraphAcrossPartialBatches() throws Exception {
        int count = 11; // 4 + 4 + 3 with batch 4
        float[] images = new float[count * 192];
        Random random = new Random(3);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        try (OnnxEvaluator ev = OnnxEvaluator.load(Fixtures.onnx("tiny_dynamic.onnx"), TINY)) {
            assertEquals(4, ev.batchSize());
            float[] scores = ev.predict(images, count);
            for (int i = 0; i < count; i++) {
                double mean = 0;
                for (int j = 0; j < 192; j++) {
                    mean += images[i * 192 + j];
                }
                double expected = 1 / (1 + Math.exp(-(mean / 192 + 0.25)));
                assertEquals(expected, scores[i], 1e-5, "image " + i);
            }
            assertThrows(IllegalArgumentException.class, () -> ev.predict(new float[191], 1));
        }
    }

    @Test
    void fixedBatchOneModelRunsOneByOne() throws Exception {
        try (OnnxEvaluator ev = OnnxEvaluator.load(Fixtures.onnx("tiny_batch1.onnx"), TINY)) {
            assertEquals(1, ev.batchSize());
            float[] scores = ev.predict(new float[3 * 192], 3);
            assertEquals(1 / (1 + Math.exp(-0.25)), scores[2], 1e-6);
        }
    }

    @Test
    void nanScoresAreAnErrorNotAResult() throws Exception {
        try (OnnxEvaluator ev = OnnxEvaluator.load(Fixtures.onnx("tiny_nan.onnx"), TINY)) {
            OnnxModelException e = assertThrows(OnnxModelException.class, () -> ev.predict(new float[192], 1));
            assertEquals(OnnxModelException.Kind.NON_FINITE_OUTPUT, e.kind());
        }
    }

    @Test
    void externalDataIsRefusedBeforeOnnxRuntimeSeesTheFile() {
        OnnxModelException e = assertThrows(OnnxModelException.class,
                () -> OnnxEvaluator.load(Fixtures.onnx("external_initializer.onnx"), TINY));
        assertEquals(OnnxModelException.Kind.UNSAFE, e.kind());
        assertTrue(e.getMessage().contains("../../labels/test_readers.csv"), e.getMessage());
    }

    @Test
    void corruptFileIsMalformed(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.onnx("tiny_dynamic.onnx"));
        for (int i = 20; i < bytes.length; i += 9) {
            bytes[i] ^= (byte) 0xa5;
        }
        Path corrupt = Files.write(dir.resolve("corrupt.onnx"), bytes);
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxEvaluator.load(corrupt, TINY));
        assertTrue(e.kind() == OnnxModelException.Kind.MALFORMED || e.kind() == OnnxModelException.Kind.LOAD_FAILED
                || e.kind() == OnnxModelException.Kind.INCOMPATIBLE, e.getMessage());
    }

    @Test
    void wellFormedButUnrunnableGraphIsLoadFailedWithOrtsReason() {
        OnnxModelException e = assertThrows(OnnxModelException.class,
                () -> OnnxEvaluator.load(Fixtures.onnx("tiny_unknown_op.onnx"), TINY));
        assertEquals(OnnxModelException.Kind.LOAD_FAILED, e.kind());
        assertTrue(e.getMessage().contains("No Op registered for Frobnicate"), e.getMessage());
    }

    @Test
    void servingPropertiesNextToTheModelAreIgnored(@TempDir Path dir) throws Exception {
        // DJL's Criteria loader would merge these and dlopen the named library (code execution).
        Path model = Files.copy(Fixtures.onnx("tiny_dynamic.onnx"), dir.resolve("model.onnx"));
        Files.writeString(dir.resolve("serving.properties"),
                "option.customOpLibrary=" + dir.resolve("evil.so") + "\noption.profilerOutput=" + dir.resolve("p") + "\n");
        try (OnnxEvaluator ev = OnnxEvaluator.load(model, TINY)) {
            assertEquals(1, ev.predict(new float[192], 1).length);
        }
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no profiler output written");
        }
    }

    @Test
    void modelForAnotherImageSizeIsIncompatible() {
        OnnxModelException e = assertThrows(OnnxModelException.class,
                () -> OnnxEvaluator.load(Fixtures.onnx("tiny_dynamic.onnx"), OnnxEvaluator.Options.of(3, 320, 320)));
        assertEquals(OnnxModelException.Kind.INCOMPATIBLE, e.kind());
    }
}

package org.muraarena.dataset.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.core.BodyPart;
import org.muraarena.dataset.synth.DetectorWeights;
import org.muraarena.dataset.synth.Finding;
import org.muraarena.dataset.synth.RadiographPainter;
import org.muraarena.dataset.synth.SimpleDetector;
import org.muraarena.sandbox.onnx.OnnxEvaluator;

class BaselineModelTest {
    @TempDir
    Path dir;

    @Test
    void theCommittedBaselineIsExactlyWhatTheCodeBuilds() throws Exception {
        byte[] committed = Files.readAllBytes(Path.of("submissions/baseline/baseline.onnx"));
        assertArrayEquals(BaselineModel.bytes(), committed,
                "submissions/baseline/baseline.onnx is stale: rebuild it with the build-baseline command");
    }

    @Test
    void onnxRuntimeComputesWhatTheJavaDetectorComputes() throws Exception {
        Path model = dir.resolve("baseline.onnx");
        BaselineModel.write(model);
        int size = DetectorWeights.SIZE;
        Finding[] findings = {Finding.NONE, Finding.FRACTURE, Finding.HARDWARE, Finding.LESION};
        float[] batch = new float[findings.length * size * size];
        double[] expected = new double[findings.length];
        for (int i = 0; i < findings.length; i++) {
            BufferedImage image = RadiographPainter.paint(BodyPart.XR_WRIST, findings[i], 100 + i);
            float[][] input = SimpleDetector.resizeToInput(image, size);
            for (int y = 0; y < size; y++) {
                System.arraycopy(input[y], 0, batch, (i * size + y) * size, size);
            }
            expected[i] = SimpleDetector.probability(image);
        }
        try (OnnxEvaluator evaluator = OnnxEvaluator.load(model, OnnxEvaluator.Options.of(1, size, size).withBatchSize(4))) {
            float[] actual = evaluator.predict(batch, findings.length);
            for (int i = 0; i < findings.length; i++) {
                assertEquals(expected[i], actual[i], 1e-4, findings[i] + ": ONNX Runtime vs SimpleDetector");
            }
        }
    }
}

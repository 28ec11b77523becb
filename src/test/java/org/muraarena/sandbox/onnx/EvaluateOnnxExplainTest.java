package org.muraarena.sandbox.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.core.Aggregation;
import org.muraarena.core.Manifest;
import org.muraarena.core.ManifestCodec;
import org.muraarena.sandbox.ExplanationPicks;
import org.muraarena.sandbox.ExplanationReport;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.TruthFile;
import org.muraarena.testing.TestData;

/** {@code evaluate-onnx} in this JVM with {@code --explain-dir}, on the generated sample set. */
class EvaluateOnnxExplainTest {
    private static Path dataset;

    @TempDir
    Path work;

    @BeforeAll
    static void data() {
        dataset = TestData.dataset();
    }

    private record Run(int exit, List<String> protocol, String err) {
    }

    private Run run(Path labels, String... extra) throws Exception {
        Manifest.Input in = new Manifest.Input(null, Manifest.Layout.NCHW, 3, 32, 32, 255.0,
                List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225), Manifest.Resize.STRETCH);
        Manifest manifest = new Manifest("region", Manifest.Kind.ONNX, in,
                new Manifest.Output(null, Manifest.OutputType.PROBABILITY, 0), Aggregation.MEAN, false);
        Path manifestFile = Files.writeString(work.resolve("manifest.json"), ManifestCodec.toJson(manifest));
        Path model = Files.write(work.resolve("region.onnx"), RegionModels.region(3, 32, 1, 2, 1f, 1.2f));
        List<String> args = new ArrayList<>(List.of("--model", model.toString(), "--manifest", manifestFile.toString(),
                "--root", dataset.toString(), "--set", "sample", "--out", work.resolve("predictions.csv").toString(),
                "--threads", "1", "--batch", "4", "--explain-dir", work.resolve("explain").toString(),
                "--labels", labels.toString()));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = EvaluateOnnxCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    private static Path sampleLabels() {
        return dataset.resolve("MURA-v1.1/sample_labeled_studies.csv");
    }

    @Test
    void writesPredictionsThenExplainsTheSurestRightAndWrongStudies() throws Exception {
        Run run = run(sampleLabels(), "--explain-count", "2", "--explain-grid", "4");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.protocol();
        int predictions = lines.indexOf("predictions");
        assertTrue(predictions > 0 && lines.get(predictions - 1).equals("progress 75 75"), lines.toString());
        // 4 maps of 4 rows, and the sanity check's map of the first pick.
        List<String> progress = lines.subList(predictions + 1, lines.size() - 1);
        assertEquals(21, progress.size(), lines.toString());
        for (int i = 0; i <= 20; i++) {
            assertEquals("explain-progress " + i + " 20", progress.get(i));
        }
        assertEquals("explained", lines.get(lines.size() - 1));

        Map<String, Double> images = PredictionsCsv.read(work.resolve("predictions.csv"), "predictions", null).values();
        Map<String, Integer> labels = new TreeMap<>();
        TruthFile.read(sampleLabels()).truth().forEach((study, t) -> labels.put(study, t.gold()));
        var expected = ExplanationPicks.pick(images, labels, Aggregation.MEAN, 2);
        assertEquals(4, expected.size(), "the sample set has two right and two wrong studies for this model");

        Path dir = work.resolve("explain");
        ExplanationReport report = ExplanationReport.parse(Files.readString(dir.resolve(ExplanationReport.FILE)));
        assertEquals(4, report.grid());
        assertEquals(4, report.items().size());
        assertNotNull(report.correlation(), "the model has a last layer to randomise");
        assertEquals(report.reliable(), report.correlation() <= ExplanationReport.MAX_CORRELATION);
        assertEquals(report.reliable(), report.reason() == null);
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ExplanationReport.Item item = report.items().get(i);
            assertEquals(expected.get(i).study(), item.study());
            assertEquals(expected.get(i).image(), item.image());
            assertEquals(expected.get(i).correct(), item.correct());
            assertEquals(expected.get(i).probability(), item.probability(), 1e-12);
            assertEquals(images.get(item.image()), item.imageProbability(), 1e-5, "the map's base is the scored image");
            assertEquals(4, item.values().size());
            String n = String.format("%02d", i + 1);
            assertEquals(n + "-overlay.png", item.overlay());
            assertEquals(n + "-map.png", item.map());
            BufferedImage source = ImageIO.read(dataset.resolve(item.image()).toFile());
            assertEquals(source.getWidth(), item.width());
            assertEquals(source.getHeight(), item.height());
            for (String png : List.of(item.overlay(), item.map())) {
                BufferedImage decoded = ImageIO.read(dir.resolve(png).toFile());
                assertEquals(item.width(), decoded.getWidth(), png);
                assertEquals(item.height(), decoded.getHeight(), png);
                files.add(png);
            }
        }
        files.add(ExplanationReport.FILE);
        try (var listing = Files.list(dir)) {
            assertEquals(files.stream().sorted().toList(),
                    listing.map(f -> f.getFileName().toString()).sorted().toList(), "the randomised copy is gone");
        }
    }

    @Test
    void aFailedExplanationLeavesASuccessfulRun() throws Exception {
        Run run = run(work.resolve("missing-labels.csv"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.isRegularFile(work.resolve("predictions.csv")));
        List<String> lines = run.protocol();
        assertEquals("predictions", lines.get(lines.size() - 2));
        assertTrue(lines.get(lines.size() - 1).startsWith("explain-failure "), lines.toString());
        assertTrue(lines.get(lines.size() - 1).contains("missing-labels.csv"), lines.toString());
    }

    @Test
    void explanationsNeedTheLabels() throws Exception {
        Path manifest = Files.writeString(work.resolve("manifest.json"), ManifestCodec.toJson(
                new Manifest("m", Manifest.Kind.ONNX, Manifest.DEFAULT_INPUT, Manifest.DEFAULT_OUTPUT, Aggregation.MEAN,
                        false)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = EvaluateOnnxCommand.run(new String[] {"--model", "m", "--manifest", manifest.toString(), "--root", "r",
            "--set", "s", "--out", "o", "--explain-dir", "d"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--labels is required"), err.toString());
    }
}

package org.muraarena.sandbox.onnx;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.muraarena.core.Manifest;
import org.muraarena.dataset.MuraTree;
import org.muraarena.sandbox.ExplanationPick;
import org.muraarena.sandbox.ExplanationPicks;
import org.muraarena.sandbox.ExplanationReport;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.TruthFile;

/**
 * The explanation step of {@code evaluate-onnx}, after the predictions are written: occlusion maps
 * ({@link OcclusionMap}) of the studies {@link ExplanationPicks} chooses, drawn by
 * {@link OcclusionImages}, and the last-layer randomisation check ({@link LastLayerRandomiser}) on
 * the first of them, all into one folder described by {@link ExplanationReport}. Prints
 * {@code explain-progress DONE TOTAL} after each batch (one patch row), TOTAL counting the rows of
 * every map including the check's.
 */
final class Explainer {
    /** What the command line asked for. */
    record Settings(Path dir, Path labels, int perSide, int grid) {
    }

    private final Settings settings;
    private final Path modelFile;
    private final OnnxEvaluator.Options options;
    private final OnnxEvaluator evaluator;
    private final Manifest manifest;
    private final MuraTree tree;
    private final PrintStream protocol;
    private final PrintStream err;
    private int done;
    private int total;

    Explainer(Settings settings, Path modelFile, OnnxEvaluator.Options options, OnnxEvaluator evaluator,
            Manifest manifest, MuraTree tree, PrintStream protocol, PrintStream err) {
        this.settings = settings;
        this.modelFile = modelFile;
        this.options = options;
        this.evaluator = evaluator;
        this.manifest = manifest;
        this.tree = tree;
        this.protocol = protocol;
        this.err = err;
    }

    /** A radiograph as the maps see it: its luminance plane. */
    private record Radiograph(float[] luminance, int width, int height) {
    }

    /** Explains the run whose image probabilities are {@code predictions}; writes the folder, then prints {@code explained}. */
    void explain(Map<String, Double> predictions) throws IOException, BadInputException, OnnxModelException,
            ScoreReader.InvalidScoreException {
        long t0 = System.nanoTime();
        Map<String, Integer> labels = new TreeMap<>();
        TruthFile.read(settings.labels()).truth().forEach((study, truth) -> labels.put(study, truth.gold()));
        List<ExplanationPick> picks = ExplanationPicks.pick(predictions, labels, manifest.aggregation(),
                settings.perSide());
        Files.createDirectories(settings.dir());
        Path copy = settings.dir().resolve(".randomised-model.onnx");
        try {
            explainPicks(picks, copy, randomise(copy), t0);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** Copies the model to {@code copy} and randomises its last layer there, through a mapping (not the heap). */
    private Optional<LastLayerRandomiser.Result> randomise(Path copy) throws IOException, OnnxModelException {
        Files.copy(modelFile, copy, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
            Optional<LastLayerRandomiser.Result> result = LastLayerRandomiser.randomise(mapped, LastLayerRandomiser.SEED);
            mapped.force();
            return result;
        }
    }

    private void explainPicks(List<ExplanationPick> picks, Path copy, Optional<LastLayerRandomiser.Result> randomised,
            long t0) throws IOException, OnnxModelException, ScoreReader.InvalidScoreException {
        int grid = settings.grid();
        total = grid * (picks.size() + (randomised.isPresent() && !picks.isEmpty() ? 1 : 0));
        progress();
        ImagePreprocessor preprocessor = new ImagePreprocessor(manifest.input());
        ScoreReader reader = new ScoreReader(manifest.output());
        OcclusionMap.Maker maker = new OcclusionMap.Maker(evaluator, preprocessor, reader, grid);
        List<ExplanationReport.Item> items = new ArrayList<>();
        OcclusionMap first = null;
        Radiograph firstImage = null;
        for (ExplanationPick pick : picks) {
            Radiograph r = read(pick.image());
            OcclusionMap map = maker.map(r.luminance(), r.width(), r.height(), pick.image(), this::rowDone);
            String n = String.format(Locale.ROOT, "%02d", items.size() + 1);
            Files.write(settings.dir().resolve(n + "-overlay.png"),
                    OcclusionImages.png(OcclusionImages.overlay(map, r.luminance(), r.width(), r.height())));
            Files.write(settings.dir().resolve(n + "-map.png"),
                    OcclusionImages.png(OcclusionImages.plain(map, r.width(), r.height())));
            items.add(new ExplanationReport.Item(pick.study(), pick.image(), pick.label(), pick.probability(),
                    pick.correct(), n + "-overlay.png", n + "-map.png", r.width(), r.height(), map.base(), map.peak(),
                    rows(map)));
            if (first == null) {
                first = map;
                firstImage = r;
            }
        }
        Double correlation = null;
        String reason = null;
        if (first == null) {
            reason = "no labelled study to explain";
        } else if (randomised.isEmpty()) {
            reason = "no float initializer in the graph: the last layer cannot be randomised";
        } else {
            OcclusionMap control = randomisedMap(copy, randomised.get(), firstImage, picks.get(0).image(), preprocessor,
                    reader);
            correlation = SanityCheck.correlation(first, control);
            reason = SanityCheck.reason(first, correlation);
        }
        double seconds = Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
        ExplanationReport report = new ExplanationReport(grid, seconds, reason == null, correlation, reason, items);
        Files.writeString(settings.dir().resolve(ExplanationReport.FILE), report.toJson());
        err.printf(Locale.ROOT, "explained %d studies in %.1f s; sanity check: %s%n", items.size(), seconds,
                reason == null ? "reliable, correlation " + correlation : reason);
        protocol.println("explained");
        protocol.flush();
    }

    /** The first pick's map again, from a second session on the model with its last layer randomised. */
    private OcclusionMap randomisedMap(Path copy, LastLayerRandomiser.Result randomised, Radiograph r, String image,
            ImagePreprocessor preprocessor, ScoreReader reader) throws IOException, OnnxModelException,
            ScoreReader.InvalidScoreException {
        err.println("sanity check: randomised " + randomised.values() + " values of " + randomised.tensors() + " in "
                + randomised.layer());
        try (OnnxEvaluator control = OnnxEvaluator.load(copy, options)) {
            return new OcclusionMap.Maker(control, preprocessor, reader, settings.grid())
                    .map(r.luminance(), r.width(), r.height(), image + " (randomised last layer)", this::rowDone);
        }
    }

    private Radiograph read(String image) throws IOException {
        Path file = tree.file(image);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
        if (decoded == null) {
            throw new IOException("not a readable image: " + file);
        }
        return new Radiograph(ImagePreprocessor.luminance(decoded), decoded.getWidth(), decoded.getHeight());
    }

    private static List<List<Double>> rows(OcclusionMap map) {
        List<List<Double>> rows = new ArrayList<>();
        for (int r = 0; r < map.grid(); r++) {
            List<Double> row = new ArrayList<>();
            for (int c = 0; c < map.grid(); c++) {
                row.add(map.value(r, c));
            }
            rows.add(row);
        }
        return rows;
    }

    private void rowDone() {
        done++;
        progress();
    }

    private void progress() {
        protocol.println("explain-progress " + done + " " + total);
        protocol.flush();
    }
}

package org.muraarena.sandbox.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.muraarena.dataset.MuraTree;
import org.muraarena.sandbox.ExplainRequest;
import org.muraarena.sandbox.ExplanationPick;
import org.muraarena.sandbox.ExplanationReport;
import org.muraarena.sandbox.Explanations;
import org.muraarena.sandbox.RunRequest;

/**
 * The parent's side of the child's explanation step: the arguments that ask for it (with the
 * sample set's labels written to a file in the scratch folder) and the reading of what the child
 * left in its explanations folder ({@code explanations.json} and the PNGs it names), checked
 * against the request before anything is stored.
 */
final class ExplanationFiles {
    /** A map PNG at a radiograph's size; far above what a 2,000-pixel image compresses to. */
    static final long MAX_PNG_BYTES = 32L << 20;

    private ExplanationFiles() {
    }

    /** {@code --labels F --explain-dir D --explain-count N --explain-grid G}, writing F (study path, label per line). */
    static List<String> arguments(ExplainRequest explain, Path work, Path folder) throws IOException {
        StringBuilder labels = new StringBuilder();
        explain.studyLabels().forEach((study, label) -> labels.append(study).append(',').append(label).append('\n'));
        Path file = Files.writeString(work.resolve("sample_labels.csv"), labels, StandardCharsets.UTF_8);
        Files.createDirectories(folder);
        return List.of("--labels", file.toAbsolutePath().toString(), "--explain-dir", folder.toAbsolutePath().toString(),
                "--explain-count", Integer.toString(explain.perSide()), "--explain-grid", Integer.toString(explain.grid()));
    }

    /** The child's explanations: every item an image of the set, with its label as asked and PNGs in the folder. */
    static Explanations read(Path folder, RunRequest request) throws IOException {
        ExplainRequest ask = request.explain().orElseThrow();
        ExplanationReport index = ExplanationReport.parse(Files.readString(folder.resolve(ExplanationReport.FILE), StandardCharsets.UTF_8));
        Set<String> images = new HashSet<>(EvaluateOnnxCommand.images(new MuraTree(request.datasetRoot()), request.set()));
        if (index.items().size() > 2 * ask.perSide()) {
            throw new IllegalArgumentException("expected at most " + 2 * ask.perSide() + " items");
        }
        List<Explanations.Item> read = new ArrayList<>();
        for (ExplanationReport.Item item : index.items()) {
            Integer label = ask.studyLabels().get(item.study());
            if (!images.contains(item.image()) || !item.image().startsWith(item.study()) || label == null || label != item.label()) {
                throw new IllegalArgumentException("item " + item.image() + " is not an image of a labelled study of the set");
            }
            ExplanationPick pick = new ExplanationPick(item.study(), item.image(), label, item.probability(), item.correct());
            read.add(new Explanations.Item(pick, item.width(), item.height(), png(folder, item.overlay()), png(folder, item.map())));
        }
        return new Explanations(Explanations.State.DONE, index.reliable(), index.correlation(), index.reason(), read);
    }

    private static byte[] png(Path folder, String name) throws IOException {
        Path file = folder.resolve(name).normalize();
        if (name.isEmpty() || !file.getParent().equals(folder.normalize()) || !Files.isRegularFile(file)
                || Files.size(file) > MAX_PNG_BYTES) {
            throw new IllegalArgumentException("no usable PNG '" + name + "'");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 8 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G') {
            throw new IllegalArgumentException(name + " is not a PNG");
        }
        return bytes;
    }
}

package org.muraarena.dataset;

import org.muraarena.core.BodyPart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a MURA-v1.1 tree: the folder that holds {@code MURA-v1.1/} and, inside it, the
 * header-less {@code <set>_image_paths.csv} (one image path a line, relative to that folder).
 * Works for the real dataset and for the synthetic one alike.
 */
public final class MuraTree {
    private final Path root;

    /** @param root the folder containing {@code MURA-v1.1/} */
    public MuraTree(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The CSV listing a set's images, e.g. {@code MURA-v1.1/test_image_paths.csv}. */
    public Path imagePathsCsv(String set) {
        return root.resolve("MURA-v1.1").resolve(set + "_image_paths.csv");
    }

    /** The set's studies in the order their first image is listed, each with its images in order. */
    public List<MuraStudy> studies(String set) throws IOException {
        Path csv = imagePathsCsv(set);
        Map<String, List<String>> byStudy = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            lineNumber++;
            String image = line.strip();
            if (image.isEmpty()) {
                continue;
            }
            int slash = image.lastIndexOf('/');
            if (slash < 0 || image.contains("..") || image.startsWith("/")) {
                throw new IOException(csv + ":" + lineNumber + ": '" + image + "' is not a relative image path inside the tree");
            }
            byStudy.computeIfAbsent(image.substring(0, slash + 1), s -> new ArrayList<>()).add(image);
        }
        List<MuraStudy> studies = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byStudy.entrySet()) {
            BodyPart part = BodyPart.ofPath(e.getKey()).orElseThrow(
                    () -> new IOException(csv + ": study " + e.getKey() + " has no XR_<TYPE> folder"));
            studies.add(new MuraStudy(e.getKey(), part, e.getValue()));
        }
        return studies;
    }

    /** An image's file on disk. */
    public Path file(String imagePath) {
        return root.resolve(imagePath);
    }
}

package org.muraarena.dataset.importer;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.muraarena.core.BodyPart;
import org.muraarena.core.Refusal;

/**
 * One phase ({@code train} or {@code valid}) of the MURA-v1.1 download, read from its two
 * header-less CSVs and checked against the files: every study labeled 0 or 1 once, of one of the
 * seven types, with a folder and at least one image; every image a listed, existing {@code .png}
 * of a labeled study, listed once. A problem is refused with the file and line.
 */
final class MuraDownload {
    /** A listed image and the line of {@code <phase>_image_paths.csv} it stands on. */
    record Image(String path, int line) {
    }

    /** A study as the download names it ({@code MURA-v1.1/valid/XR_WRIST/patient11185/study1_positive/}). */
    record Study(String path, BodyPart part, String patient, int label, int line, List<Image> images) {
    }

    private final Path from;
    private final String phase;

    private MuraDownload(Path from, String phase) {
        this.from = from;
        this.phase = phase;
    }

    /** The phase's studies in the order the labels file lists them. {@code from} holds {@code MURA-v1.1/}. */
    static List<Study> read(Path from, String phase) throws IOException {
        return new MuraDownload(from, phase).studies();
    }

    /** How a file of the download is named in messages. */
    static String name(Path from, String relative) {
        return from.resolve(relative).toString();
    }

    private List<Study> studies() throws IOException {
        String labelsCsv = "MURA-v1.1/" + phase + "_labeled_studies.csv";
        String imagesCsv = "MURA-v1.1/" + phase + "_image_paths.csv";
        Map<String, Study> studies = new LinkedHashMap<>();
        Map<String, List<Image>> images = new HashMap<>();
        for (Line line : lines(labelsCsv)) {
            String[] fields = line.text().split(",", -1);
            if (fields.length != 2) {
                throw line.refused("expected study_folder/,label (no header), got " + fields.length + " fields");
            }
            String label = fields[1].strip();
            if (!label.equals("0") && !label.equals("1")) {
                throw line.refused("label '" + label + "' is not 0 or 1" + (line.number() == 1 ? " (the file must have no header)" : ""));
            }
            String study = fields[0].strip().endsWith("/") ? fields[0].strip() : fields[0].strip() + "/";
            String[] segments = segments(line, study, 5);
            BodyPart part = part(line, segments[2]);
            String folder = segments[4];
            if (folder.endsWith(label.equals("1") ? "_negative" : "_positive")) {
                throw line.refused("label " + label + " contradicts the folder name " + folder);
            }
            Study first = studies.get(study);
            if (first != null) {
                throw line.refused("duplicate study " + study + " (first on line " + first.line() + ")");
            }
            if (!Files.isDirectory(from.resolve(study))) {
                throw line.refused("the study folder " + study + " does not exist under " + from);
            }
            List<Image> own = new ArrayList<>();
            images.put(study, own);
            studies.put(study, new Study(study, part, segments[3], label.charAt(0) - '0', line.number(), own));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Line line : lines(imagesCsv)) {
            String image = line.text().strip();
            String[] segments = segments(line, image, 6);
            part(line, segments[2]);
            if (!segments[5].toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
                throw line.refused("'" + image + "' is not a PNG file (the images of MURA are .png)");
            }
            Integer first = seen.putIfAbsent(image, line.number());
            if (first != null) {
                throw line.refused("duplicate image " + image + " (first on line " + first + ")");
            }
            String study = image.substring(0, image.lastIndexOf('/') + 1);
            List<Image> own = images.get(study);
            if (own == null) {
                throw line.refused("the study " + study + " of this image has no label in " + name(from, labelsCsv));
            }
            if (!Files.isRegularFile(from.resolve(image))) {
                throw line.refused("the image " + image + " does not exist under " + from);
            }
            own.add(new Image(image, line.number()));
        }
        for (Study study : studies.values()) {
            if (study.images().isEmpty()) {
                throw Line.refused(name(from, labelsCsv), study.line(), "the study " + study.path() + " has no images in " + name(from, imagesCsv));
            }
        }
        return List.copyOf(studies.values());
    }

    /** The path's folders, checked to be {@code MURA-v1.1/<phase>/XR_<TYPE>/<patient>/<study>[/<image>]}. */
    private String[] segments(Line line, String path, int count) {
        String[] segments = path.split("/");
        boolean plain = Arrays.stream(segments).noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals("..") || s.contains("\\"));
        if (segments.length != count || !plain || !segments[0].equals("MURA-v1.1") || !segments[1].equals(phase)
                || path.startsWith("/")) {
            throw line.refused("'" + path + "' is not " + (count == 5 ? "a study folder" : "an image") + " of the form MURA-v1.1/"
                    + phase + "/XR_<TYPE>/<patient>/<study>/" + (count == 5 ? "" : "<image>.png"));
        }
        return segments;
    }

    private static BodyPart part(Line line, String folder) {
        for (BodyPart part : BodyPart.values()) {
            if (part.name().equals(folder)) {
                return part;
            }
        }
        throw line.refused("unknown body part " + folder + " (MURA's types are " + Arrays.toString(BodyPart.values()) + ")");
    }

    /** A non-blank line of a download CSV, with its number and the file's name for messages. */
    record Line(String file, int number, String text) {
        Refusal.InvalidInput refused(String problem) {
            return refused(file, number, problem);
        }

        static Refusal.InvalidInput refused(String file, int number, String problem) {
            return new Refusal.InvalidInput(file + ":" + number + ": " + problem);
        }
    }

    private List<Line> lines(String relative) throws IOException {
        String file = name(from, relative);
        if (!Files.isRegularFile(from.resolve(relative))) {
            throw new Refusal.InvalidInput(file + ": missing (is " + from + " the folder holding the MURA-v1.1 download?)");
        }
        List<String> text;
        try {
            text = Files.readAllLines(from.resolve(relative), StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new Refusal.InvalidInput(file + ": not UTF-8 text");
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String line = i == 0 && text.get(0).startsWith("\uFEFF") ? text.get(0).substring(1) : text.get(i);
            if (!line.isBlank()) {
                lines.add(new Line(file, i + 1, line));
            }
        }
        if (lines.isEmpty()) {
            throw new Refusal.InvalidInput(file + ": empty (expected one line per " + (relative.endsWith("_image_paths.csv") ? "image" : "study") + ")");
        }
        return lines;
    }
}

package org.muraarena.scoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.muraarena.core.Aggregation;

/**
 * The one codec of predictions CSVs, in every form of docs/DESIGN.md, one form per file and no header:
 * {@code study_path,probability}, {@code study_path,label} (0/1, read as probability 0 or 1, which
 * scores the same) or {@code image_path,probability} (an image path is one whose last segment has
 * a file extension; its study is its folder). Errors name the file and the line. Used wherever
 * predictions cross a seam: the score command, the ONNX child and its parent, a container's
 * output, the stored predictions of a result, the re-score and the pages.
 */
public final class PredictionsCsv {
    /** Plain decimal notation, optionally with an exponent: no hex floats, suffixes or infinities. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private PredictionsCsv() {
    }

    /** What the rows' keys are. */
    public enum Level { IMAGE, STUDY }

    /**
     * The rows of one file: probabilities keyed by image or study path (studies with a trailing
     * slash), in file order.
     */
    public record Predictions(Level level, Map<String, Double> values) {
        public Predictions {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /**
         * Study probabilities: study rows as given, image rows aggregated per study in file order
         * (so that the score command adds a file's numbers in the order it lists them).
         */
        public Map<String, Double> studyProbabilities(Aggregation aggregation) {
            if (level == Level.STUDY) {
                return values;
            }
            Map<String, List<Double>> byStudy = new LinkedHashMap<>();
            values.forEach((image, p) -> byStudy.computeIfAbsent(StudyProbabilities.studyOf(image), s -> new ArrayList<>()).add(p));
            Map<String, Double> studies = new HashMap<>();
            byStudy.forEach((study, ps) -> studies.put(study, aggregation.apply(ps.stream().mapToDouble(Double::doubleValue).toArray())));
            return studies;
        }
    }

    /**
     * The studies the rows must cover, each exactly once and nothing else.
     *
     * @param description how errors name the list, e.g. "the truth file" or "the set"
     * @param studies the study paths (trailing slash) in the order a missing one is looked for,
     *                each with where it is listed for the message (e.g. "truth.csv line 3"), or null
     */
    public record Expected(String description, Map<String, String> studies) {
    }

    /** Reads {@code file}, naming it {@code name} in errors; {@code expected} null checks no study. */
    public static Predictions read(Path file, String name, Expected expected) throws BadInputException {
        return decode(CsvLines.read(file, name), expected);
    }

    /** Parses CSV text (e.g. a result's stored predictions), naming it {@code name} in errors. */
    public static Predictions parse(String text, String name, Expected expected) throws BadInputException {
        return decode(CsvLines.parse(text, name), expected);
    }

    /**
     * Writes {@code path,probability} rows sorted by path. Doubles are written in Java's shortest
     * round-tripping form, so reading the text back gives the same bits.
     */
    public static String write(Map<String, Double> probabilities) {
        StringBuilder csv = new StringBuilder();
        new TreeMap<>(probabilities).forEach((path, p) -> csv.append(path).append(',').append(p).append('\n'));
        return csv.toString();
    }

    private static Predictions decode(CsvLines csv, Expected expected) throws BadInputException {
        Level level = null;
        Map<String, Integer> firstLine = new HashMap<>();
        Map<String, Double> values = new LinkedHashMap<>();
        java.util.Set<String> studies = new java.util.HashSet<>();
        for (CsvLines.Row row : csv.rows()) {
            String[] f = row.fields();
            if (f.length != 2) {
                throw csv.problem(row, "expected path,probability, got " + f.length + " fields");
            }
            boolean isImage = isImagePath(f[0]);
            if (level == null) {
                level = isImage ? Level.IMAGE : Level.STUDY;
            } else if ((level == Level.IMAGE) != isImage) {
                throw csv.problem(row, "mixes " + (isImage ? "an image row into study rows" : "a study row into image rows")
                        + "; use one form per file");
            }
            String study = isImage ? StudyProbabilities.studyOf(f[0]) : TruthFile.studyPath(f[0]);
            if (expected != null && !expected.studies().containsKey(study)) {
                throw csv.problem(row, "study " + study + " is not in " + expected.description());
            }
            String key = isImage ? f[0] : study;
            Integer seen = firstLine.putIfAbsent(key, row.line());
            if (seen != null) {
                throw csv.problem(row, "duplicate " + (isImage ? "image " : "study ") + key + " (first on line " + seen + ")");
            }
            values.put(key, probability(csv, row, f[1]));
            studies.add(study);
        }
        if (expected != null) {
            for (Map.Entry<String, String> study : expected.studies().entrySet()) {
                if (!studies.contains(study.getKey())) {
                    throw new BadInputException(csv.file() + ": no prediction for study " + study.getKey()
                            + (study.getValue() == null ? "" : " (" + study.getValue() + ")"));
                }
            }
        }
        return new Predictions(level, values);
    }

    private static boolean isImagePath(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.contains(".");
    }

    private static double probability(CsvLines csv, CsvLines.Row row, String text) throws BadInputException {
        if (text.equalsIgnoreCase("nan")) {
            throw csv.problem(row, "probability is NaN");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw csv.problem(row, "probability '" + text + "' is not a number"
                    + (row.line() == 1 ? " (the file must have no header)" : ""));
        }
        double p = Double.parseDouble(text);
        if (p < 0 || p > 1) {
            throw csv.problem(row, "probability " + text + " is outside [0,1]");
        }
        return p + 0.0; // folds -0.0 into 0.0 so that equal scores tie
    }
}

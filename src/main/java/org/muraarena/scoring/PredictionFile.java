package org.muraarena.scoring;

import org.muraarena.core.Aggregation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads predictions in any of MURA's forms, one per file: {@code study_path,probability},
 * {@code study_path,label} (0/1, taken as probability 0 or 1, which scores the same), or
 * {@code image_path,probability} (an image path is one whose last segment has a file extension;
 * its study is its folder), aggregated per study. Every study must be one of the truth's, once,
 * and every study of the truth must be predicted.
 */
public final class PredictionFile {
    /** Plain decimal notation, optionally with an exponent: no hex floats, suffixes or infinities. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private PredictionFile() {
    }

    /** Study probabilities keyed by study path (with a trailing slash). */
    public static Map<String, Double> read(Path path, TruthFile.Contents truth, Aggregation aggregation)
            throws BadInputException {
        Set<String> truthStudies = truth.truth().keySet();
        CsvLines csv = CsvLines.read(path);
        Boolean imageLevel = null;
        Map<String, Integer> firstLine = new HashMap<>();
        Map<String, List<Double>> byStudy = new LinkedHashMap<>();
        for (CsvLines.Row row : csv.rows()) {
            String[] f = row.fields();
            if (f.length != 2) {
                throw csv.problem(row, "expected path,probability, got " + f.length + " fields");
            }
            boolean isImage = isImagePath(f[0]);
            if (imageLevel == null) {
                imageLevel = isImage;
            } else if (imageLevel != isImage) {
                throw csv.problem(row, "mixes " + (isImage ? "an image row into study rows" : "a study row into image rows")
                        + "; use one form per file");
            }
            String study = isImage ? f[0].substring(0, f[0].lastIndexOf('/') + 1) : TruthFile.studyPath(f[0]);
            if (!truthStudies.contains(study)) {
                throw csv.problem(row, "study " + study + " is not in the truth file");
            }
            String key = isImage ? f[0] : study;
            Integer seen = firstLine.putIfAbsent(key, row.line());
            if (seen != null) {
                throw csv.problem(row, "duplicate " + (isImage ? "image " : "study ") + key + " (first on line " + seen + ")");
            }
            byStudy.computeIfAbsent(study, s -> new ArrayList<>()).add(probability(csv, row, f[1]));
        }
        for (String study : truthStudies) {
            if (!byStudy.containsKey(study)) {
                throw new BadInputException(csv.file() + ": no prediction for study " + study
                        + " (" + truth.file() + " line " + truth.lines().get(study) + ")");
            }
        }
        Map<String, Double> probabilities = new HashMap<>();
        byStudy.forEach((study, values) ->
                probabilities.put(study, aggregation.apply(values.stream().mapToDouble(Double::doubleValue).toArray())));
        return probabilities;
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

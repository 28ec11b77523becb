package org.muraarena.scoring;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muraarena.core.BodyPart;

/**
 * Reads gold labels: {@code study,label}; {@code study,r1,r2,r3} (gold = majority of the three);
 * or {@code study,r1,r2,r3,r4,r5,r6} (gold = majority of the first three, the last three become
 * reference rows "Radiologist 1–3"). Study paths get a trailing slash if they lack one.
 */
public final class TruthFile {
    private TruthFile() {
    }

    /** The gold labels of a truth file, and the line each study stands on (for messages). */
    public record Contents(String file, SortedMap<String, Scorer.Truth> truth, Map<String, Integer> lines) {

        /** The studies a predictions file must cover: this truth's, each named by its line here. */
        public PredictionsCsv.Expected expected() {
            Map<String, String> studies = new java.util.LinkedHashMap<>();
            truth.keySet().forEach(study -> studies.put(study, file + " line " + lines.get(study)));
            return new PredictionsCsv.Expected("the truth file", studies);
        }
    }

    public static Contents read(Path path) throws BadInputException {
        CsvLines csv = CsvLines.read(path);
        int columns = csv.rows().get(0).fields().length;
        SortedMap<String, Scorer.Truth> truth = new TreeMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (CsvLines.Row row : csv.rows()) {
            String[] f = row.fields();
            if (f.length != columns || (columns != 2 && columns != 4 && columns != 7)) {
                throw csv.problem(row, "expected study,label or study,r1,r2,r3 (or six readers), got "
                        + f.length + " fields");
            }
            String study = studyPath(f[0]);
            BodyPart part = BodyPart.ofPath(study).orElseThrow(() -> csv.problem(row,
                    "study path '" + f[0] + "' has no XR_<TYPE> folder of the seven MURA types"));
            int[] labels = new int[columns - 1];
            for (int c = 1; c < columns; c++) {
                labels[c - 1] = csv.label(row, c, columns == 2 ? "label" : "reader " + c + " label");
            }
            Integer seen = firstLine.putIfAbsent(study, row.line());
            if (seen != null) {
                throw csv.problem(row, "duplicate study " + study + " (first on line " + seen + ")");
            }
            truth.put(study, switch (columns) {
                case 2 -> new Scorer.Truth(part, labels[0]);
                case 4 -> new Scorer.Truth(part, Scorer.majority(labels));
                default -> new Scorer.Truth(part, Scorer.majority(labels[0], labels[1], labels[2]),
                        new int[] {labels[3], labels[4], labels[5]});
            });
        }
        return new Contents(csv.file(), truth, firstLine);
    }

    static String studyPath(String path) {
        return path.endsWith("/") ? path : path + "/";
    }
}

package org.muraarena.dataset.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.muraarena.core.Refusal;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.TruthFile;

/**
 * {@code --readers FILE}: several readers' labels for the hidden studies, named by their folders in
 * the download, in the form the server reads as {@code labels/<set>_readers.csv} ({@link TruthFile}):
 * {@code study,r1,r2,r3} (gold = their majority) or {@code study,g1,g2,g3,r1,r2,r3} (gold = the
 * majority of the first three, the last three become the reference rows). Each hidden study has one row.
 */
final class ReadersFile {
    /** A hidden study's readers: the label columns as given, and the gold majority. */
    record Readers(String columns, int gold) {
    }

    private ReadersFile() {
    }

    /** The readers of each hidden study, by its folder in the download. */
    static Map<String, Readers> read(Path file, List<MuraDownload.Study> hidden, String hiddenLabels) throws IOException {
        TruthFile.Contents contents;
        try {
            contents = TruthFile.read(file);
        } catch (BadInputException e) {
            throw new Refusal.InvalidInput(e.getMessage());
        }
        List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, MuraDownload.Study> byPath = new HashMap<>();
        hidden.forEach(s -> byPath.put(s.path(), s));
        Map<String, Readers> readers = new HashMap<>();
        for (Map.Entry<String, Integer> row : contents.lines().entrySet().stream().sorted(Map.Entry.comparingByValue()).toList()) {
            String study = row.getKey();
            int line = row.getValue();
            String[] fields = text.get(line - 1).replace("\uFEFF", "").split(",", -1);
            if (fields.length == 2) {
                throw MuraDownload.Line.refused(file.toString(), line,
                        "one label per study is not a readers file: give study,r1,r2,r3 or study,g1,g2,g3,r1,r2,r3");
            }
            if (!byPath.containsKey(study)) {
                throw MuraDownload.Line.refused(file.toString(), line, "the study " + study + " is not in the hidden set ("
                        + hiddenLabels + ")");
            }
            StringBuilder columns = new StringBuilder();
            for (int i = 1; i < fields.length; i++) {
                columns.append(i == 1 ? "" : ",").append(fields[i].strip());
            }
            readers.put(study, new Readers(columns.toString(), contents.truth().get(study).gold()));
        }
        for (MuraDownload.Study study : hidden) {
            if (!readers.containsKey(study.path())) {
                throw MuraDownload.Line.refused(hiddenLabels, study.line(), "the hidden study " + study.path()
                        + " has no row in " + file);
            }
        }
        return readers;
    }
}

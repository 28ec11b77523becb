package org.muraarena.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a header-less MURA CSV with their line numbers. Blank lines are skipped, a UTF-8
 * byte-order mark and CR line ends are tolerated; fields are trimmed. A file without any row is
 * bad input.
 */
record CsvLines(String file, List<Row> rows) {

    record Row(int line, String[] fields) {
    }

    static CsvLines read(Path path) throws BadInputException {
        String name = path.toString();
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                String[] fields = text.split(",", -1);
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = fields[i].trim();
                }
                rows.add(new Row(line, fields));
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInputException(name + ": not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read (" + e.getMessage() + ")");
        }
        if (rows.isEmpty()) {
            throw new BadInputException(name + ": file is empty (expected one row per study, no header)");
        }
        return new CsvLines(name, rows);
    }

    /** A 0/1 label field. */
    int label(Row row, int column, String what) throws BadInputException {
        String value = row.fields()[column];
        if (value.equals("0") || value.equals("1")) {
            return value.charAt(0) - '0';
        }
        throw BadInputException.at(file, row.line(), what + " '" + value + "' is not 0 or 1"
                + (row.line() == 1 ? " (the file must have no header)" : ""));
    }

    BadInputException problem(Row row, String problem) {
        return BadInputException.at(file, row.line(), problem);
    }
}

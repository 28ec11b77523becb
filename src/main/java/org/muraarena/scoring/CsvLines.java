package org.muraarena.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
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
        return read(path, path.toString());
    }

    /** Reads {@code path}, naming it {@code name} in messages. */
    static CsvLines read(Path path, String name) throws BadInputException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return rows(reader, name);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInputException(name + ": not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** The rows of CSV text, named {@code name} in messages. */
    static CsvLines parse(String text, String name) throws BadInputException {
        try {
            return rows(new BufferedReader(new StringReader(text)), name);
        } catch (IOException e) {
            throw new IllegalStateException("a string cannot fail to read", e);
        }
    }

    private static CsvLines rows(BufferedReader reader, String name) throws IOException, BadInputException {
        List<Row> rows = new ArrayList<>();
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

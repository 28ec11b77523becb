package org.muraarena.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The file {@value #FILE} beside {@code MURA-v1.1/} and {@code labels/} (outside anything a
 * sandbox sees): the data's name, shown on the leaderboard, and its hidden set, whose labels are
 * {@code labels/<hiddenSet>_labeled_studies.csv}. The synthetic generator and {@code import-mura}
 * write it; the server reads it.
 */
public record DatasetDescriptor(String name, String hiddenSet) {
    public static final String FILE = "dataset.properties";
    /** The public set of dry runs, the same in every dataset. */
    public static final String SAMPLE_SET = "sample";
    private static final Pattern SET = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public DatasetDescriptor {
        if (name == null || name.isBlank() || name.length() > 200 || !name.equals(name.strip())
                || name.chars().anyMatch(c -> c < 0x20 || c == '\\')) {
            throw new IllegalArgumentException("dataset name '" + name + "' must be one line of 1-200 characters without backslashes");
        }
        if (hiddenSet == null || !SET.matcher(hiddenSet).matches() || hiddenSet.equals(SAMPLE_SET)) {
            throw new IllegalArgumentException("hidden set '" + hiddenSet
                    + "' must be a lower-case folder name (letters, digits, - or _) other than '" + SAMPLE_SET + "'");
        }
    }

    /** The descriptor of the data in {@code root}, or empty for data written before descriptors existed. */
    public static Optional<DatasetDescriptor> read(Path root) throws IOException {
        Path file = root.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        try {
            return Optional.of(new DatasetDescriptor(properties.getProperty("name"), properties.getProperty("hidden")));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@value #FILE} into {@code root}; the same descriptor always gives the same bytes (no date comment). */
    public void write(Path root) throws IOException {
        Files.writeString(root.resolve(FILE), "name=" + name + "\nhidden=" + hiddenSet + "\n", StandardCharsets.UTF_8);
    }
}

package org.muraarena.dataset.importer;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Folder names that carry nothing of the download: random strings of consonants, so they hold no
 * digits (no patient number) and cannot spell a word such as positive, negative or patient.
 */
final class OpaqueNames {
    private static final String LETTERS = "bcdfghjklmnpqrstvwxz";

    private final RandomGenerator random;
    private final Set<String> used = new HashSet<>();

    OpaqueNames(RandomGenerator random) {
        this.random = random;
    }

    /** A name never returned before by this generator: {@code prefix} then {@code length} random letters. */
    String next(char prefix, int length) {
        while (true) {
            StringBuilder name = new StringBuilder().append(prefix);
            for (int i = 0; i < length; i++) {
                name.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
            }
            if (used.add(name.toString())) {
                return name.toString();
            }
        }
    }
}

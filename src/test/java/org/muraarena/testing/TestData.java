package org.muraarena.testing;

import org.muraarena.core.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.muraarena.dataset.synth.SyntheticMura;

/** The synthetic dataset the tests share: generated once per build (deterministic), then reused. */
public final class TestData {
    public static final long SEED = 1;

    private TestData() {
    }

    public static synchronized Path dataset() {
        Path dir = Path.of("target", "test-mura-" + SEED).toAbsolutePath();
        if (!Files.exists(dir.resolve("labels/test_readers.csv"))) {
            try {
                SyntheticMura.generate(new SyntheticMura.Options(dir, SEED, false), line -> { });
            } catch (IOException | IllegalArgumentException e) {
                // Another test JVM may have finished generating it meanwhile: that copy is identical.
                if (!Files.exists(dir.resolve("labels/test_readers.csv"))) {
                    throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
                }
            }
        }
        return dir;
    }

    /**
     * A scratch folder under java.io.tmpdir that every user may traverse: where user namespaces are
     * blocked, a root JVM runs PostgreSQL as nobody, which could not enter a 0700 folder.
     */
    public static Path traversableTempDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    /** Deletes a test's scratch folder (data directory, database, unpacked native libraries). */
    public static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            System.err.println("NOTICE: could not delete " + dir + ": " + e);
        }
    }
}

package org.muraarena.submission;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.muraarena.config.ArenaConfig;

/**
 * Artifacts stored by content hash under {@code <data-dir>/artifacts/<sha256>}. A file appears
 * there only complete: it is hashed where the upload landed, then renamed into place.
 */
@ApplicationScoped
public class ArtifactStore {
    private final Path dir;

    public ArtifactStore(ArenaConfig config) {
        this.dir = Path.of(config.dataDir(), "artifacts").toAbsolutePath();
    }

    /** A stored artifact. */
    public record Stored(String sha256, long size, Path path) {
    }

    /** Moves an uploaded file into the store (or drops it when that content is stored already). */
    public Stored store(Path upload) throws IOException {
        Files.createDirectories(dir);
        String sha256 = sha256(upload);
        long size = Files.size(upload);
        Path target = dir.resolve(sha256);
        if (Files.exists(target)) {
            Files.delete(upload);
        } else {
            // Same file system as the uploads folder (both under the data dir), so the move is a rename.
            Path staging = dir.resolve(sha256 + ".staging-" + ProcessHandle.current().pid());
            Files.move(upload, staging, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return new Stored(sha256, size, target);
    }

    public Path path(String sha256) {
        return dir.resolve(sha256);
    }

    /** Hashes a file as a stream, never holding it in memory. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

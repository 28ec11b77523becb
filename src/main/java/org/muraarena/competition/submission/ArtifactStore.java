package org.muraarena.competition.submission;

import org.muraarena.core.Hashing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.muraarena.core.ArenaConfig;

/**
 * Artifacts stored by content hash under {@code <data-dir>/artifacts/<sha256>}. A file appears
 * there only complete: it is hashed where the upload landed, then renamed into place.
 */
@ApplicationScoped
public class ArtifactStore {
    private static final Pattern LEFTOVER = Pattern.compile("[0-9a-f]{64}\\.(?:staging|fetch)-(\\d+)-\\d+");
    private final Path dir;

    @Inject
    public ArtifactStore(ArenaConfig config) {
        this(Path.of(config.dataDir(), "artifacts"));
    }

    public ArtifactStore(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** A stored artifact. */
    public record Stored(String sha256, long size, Path path) {
    }

    /** Moves an uploaded file into the store (or drops it when that content is stored already). */
    public Stored store(Path upload) throws IOException {
        Files.createDirectories(dir);
        String sha256 = Hashing.sha256(upload);
        long size = Files.size(upload);
        Path target = dir.resolve(sha256);
        if (Files.exists(target)) {
            Files.delete(upload);
        } else {
            // Same file system as the uploads folder (both under the data dir), so the move is a rename.
            Path staging = dir.resolve(inProgressName(sha256, "staging"));
            Files.move(upload, staging, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return new Stored(sha256, size, target);
    }

    /** Renames a verified file (on the store's file system) into place under its hash. */
    public Path adopt(Path verified, String sha256) throws IOException {
        Path target = dir.resolve(sha256);
        if (!Files.exists(target)) {
            Files.move(verified, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    /**
     * Removes what a process killed mid-write left behind: staging and fetch files whose writer
     * (named in the file name) is no longer alive. Complete artifacts are only ever renamed into
     * place, so nothing else there can be partial.
     */
    public int removeLeftovers() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = LEFTOVER.matcher(p.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false) == false) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** A file being written into the store by the process with that pid. */
    public static String inProgressName(String sha256, String what) {
        return sha256 + "." + what + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    public Path path(String sha256) {
        return dir.resolve(sha256);
    }

}

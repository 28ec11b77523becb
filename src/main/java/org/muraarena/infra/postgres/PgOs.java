package org.muraarena.infra.postgres;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Operating-system side of the embedded server: which uid PostgreSQL runs as, running its tools, and
 * the file permissions that uid needs. PostgreSQL refuses to run as root, so when this JVM is root
 * the tools run as nobody (65534) through util-linux's setpriv.
 */
final class PgOs {

    static final int NOBODY = 65534;

    private final boolean root;
    private final List<String> prefix;

    private PgOs(boolean root, List<String> prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    static PgOs detect() throws IOException {
        // /proc/self belongs to the effective uid of this process: a pure-JDK way to ask "am I root?".
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (uid != 0) {
            return new PgOs(false, List.of());
        }
        String setpriv = findOnPath("setpriv");
        if (setpriv == null) {
            throw new IOException("running as root, and PostgreSQL refuses to run as root: it is started as uid "
                    + NOBODY + " via setpriv, which was not found (install util-linux, or run as a non-root user)");
        }
        return new PgOs(true, List.of(setpriv, "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    }

    boolean isRoot() {
        return root;
    }

    /** Gives a folder PostgreSQL writes to (data directory, log) to the uid PostgreSQL runs as. */
    void giveToPostgres(Path path) throws IOException {
        if (root) {
            Files.setAttribute(path, "unix:uid", NOBODY);
            Files.setAttribute(path, "unix:gid", NOBODY);
        }
    }

    /** Fails early, with a clear message, when PostgreSQL's uid would not be allowed to reach {@code dir}. */
    void checkReachable(Path dir) throws IOException {
        if (!root) {
            return;
        }
        for (Path p = dir.toRealPath(); p != null; p = p.getParent()) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            Set<PosixFilePermission> perms = a.permissions();
            int owner = (Integer) Files.getAttribute(p, "unix:uid");
            boolean ok = owner == NOBODY ? perms.contains(PosixFilePermission.OWNER_EXECUTE)
                    : perms.contains(PosixFilePermission.OTHERS_EXECUTE);
            if (!ok) {
                throw new IOException("this JVM runs as root, so PostgreSQL runs as uid " + NOBODY
                        + " (nobody), which cannot enter " + p + " (mode " + toOctal(perms) + ", owner uid " + owner
                        + "); choose a folder outside it or run 'chmod o+x " + p + "'");
            }
        }
    }

    /** Lets others traverse a folder this class created or owns (e.g. the base folder). */
    static void allowTraversal(Path dir) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.add(PosixFilePermission.OTHERS_EXECUTE) | perms.add(PosixFilePermission.GROUP_EXECUTE)) {
            Files.setPosixFilePermissions(dir, perms);
        }
    }

    /** The exit code and combined stdout/stderr of a finished command. */
    static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output.strip();
        }
    }

    /** Runs a PostgreSQL tool as PostgreSQL's uid, in {@code workDir} (which that uid must be able to enter). */
    Result run(Path workDir, Duration timeout, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(Arrays.asList(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        // Libpq/server variables from the caller's shell (PGPORT, PGDATA, PGOPTIONS...) must not leak in.
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().put("LC_ALL", "C");
        // Output goes to a file, not a pipe: pg_ctl leaves a server running, and a pipe it inherited
        // by mistake would block reading until that server exits.
        Path out = Files.createTempFile("embedded-postgres-", ".out");
        try {
            pb.redirectOutput(out.toFile());
            Process process = pb.start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish within " + timeout
                            + "; output: " + Files.readString(out, StandardCharsets.UTF_8).strip());
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command[0], e);
            }
            return new Result(process.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String findOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/bin:/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }

    private static String toOctal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 0400 >> p.ordinal();
        }
        return Integer.toOctalString(mode);
    }
}

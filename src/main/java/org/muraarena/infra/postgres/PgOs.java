package org.muraarena.infra.postgres;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Operating-system side of the embedded server: which uid PostgreSQL runs as, running its tools, and
 * the file permissions that uid needs. PostgreSQL refuses to run as root (geteuid() == 0), so a root JVM
 * runs the tools in a fresh, unmapped user namespace ({@code unshare -U}, as Zonky's own launcher does):
 * there geteuid() is the overflow uid, while the kernel still checks file access as the real uid 0, owner
 * of the files, so any folder root can enter works, 0700 ones included. Where user namespaces are blocked
 * (seccomp, sysctl), the tools run as nobody (65534) through util-linux's setpriv, which needs every
 * parent folder to be enterable by nobody.
 */
final class PgOs {

    static final int NOBODY = 65534;

    enum Mode {
        /** Not root: the tools run as this JVM's user. */
        SAME_USER,
        /** Root, tools in an unmapped user namespace; files stay root's. */
        USER_NAMESPACE,
        /** Root, tools as uid 65534; the files PostgreSQL writes belong to 65534. */
        NOBODY
    }

    private final Mode mode;
    private final List<String> prefix;

    private PgOs(Mode mode, List<String> prefix) {
        this.mode = mode;
        this.prefix = prefix;
    }

    static PgOs detect() throws IOException {
        return detect(true);
    }

    /** {@code allowUserNamespace} false forces the setpriv fallback (tests of that path). */
    static PgOs detect(boolean allowUserNamespace) throws IOException {
        // /proc/self belongs to the effective uid of this process: a pure-JDK way to ask "am I root?".
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (uid != 0) {
            return new PgOs(Mode.SAME_USER, List.of());
        }
        String unshare = findOnPath("unshare");
        if (allowUserNamespace && unshare != null && worksHere(unshare)) {
            return new PgOs(Mode.USER_NAMESPACE, List.of(unshare, "--user", "--"));
        }
        String setpriv = findOnPath("setpriv");
        if (setpriv == null) {
            throw new IOException("running as root, and PostgreSQL refuses to run as root: neither a user namespace"
                    + " (unshare -U " + (unshare == null ? "not found" : "refused here") + ") nor setpriv to uid "
                    + NOBODY + " (not found) is available; install util-linux, or run as a non-root user");
        }
        return new PgOs(Mode.NOBODY, List.of(setpriv, "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    }

    /** Containers often block unshare(CLONE_NEWUSER) by seccomp or sysctl: try it once. */
    private static boolean worksHere(String unshare) {
        try {
            Process p = new ProcessBuilder(unshare, "--user", "--", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Mode mode() {
        return mode;
    }

    /** Whether PostgreSQL runs as a uid other than the owner of the folders this JVM creates. */
    boolean runsAsNobody() {
        return mode == Mode.NOBODY;
    }

    /** Gives a file or folder PostgreSQL writes to (data directory, log) to the uid PostgreSQL runs as. */
    void giveToPostgres(Path path) throws IOException {
        if (runsAsNobody()) {
            Files.setAttribute(path, "unix:uid", NOBODY);
            Files.setAttribute(path, "unix:gid", NOBODY);
        }
    }

    /**
     * A data directory written by the other root mode (nobody's files under a user namespace, or root's
     * under setpriv) is unusable as is: hand the whole tree over to the uid this mode writes as.
     */
    void adopt(Path dir) throws IOException {
        if (mode == Mode.SAME_USER || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int wanted = runsAsNobody() ? NOBODY : 0;
        int other = runsAsNobody() ? 0 : NOBODY;
        if ((Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) != other) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if ((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) == other) {
                    Files.setAttribute(p, "unix:uid", wanted, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", wanted, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** Fails early, with a clear message, when PostgreSQL's uid would not be allowed to reach {@code dir}. */
    void checkReachable(Path dir) throws IOException {
        if (!runsAsNobody()) {
            return;
        }
        for (Path p = dir.toRealPath(); p != null; p = p.getParent()) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            Set<PosixFilePermission> perms = a.permissions();
            int owner = (Integer) Files.getAttribute(p, "unix:uid");
            boolean ok = owner == NOBODY ? perms.contains(PosixFilePermission.OWNER_EXECUTE)
                    : perms.contains(PosixFilePermission.OTHERS_EXECUTE);
            if (!ok) {
                throw new IOException("this JVM runs as root and user namespaces are unavailable here, so PostgreSQL"
                        + " runs as uid " + NOBODY + " (nobody), which cannot enter " + p + " (mode "
                        + toOctal(perms) + ", owner uid " + owner + "); choose a folder outside it or run 'chmod o+x "
                        + p + "'");
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

package org.muraarena.infra.postgres;

import org.muraarena.core.FileTrees;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/** The pg_ctl/initdb side of one data directory: initialise, start, stop, and clean up after a killed JVM. */
final class PgServer {

    private static final long MAX_LOG_BYTES = 10L << 20;

    private final PgOs os;
    private final Path home;
    private final Path data;
    private final Path log;

    PgServer(PgOs os, Path home, Path data, Path log) {
        this.os = os;
        this.home = home;
        this.data = data;
        this.log = log;
    }

    boolean isInitialised() {
        return Files.isRegularFile(data.resolve("PG_VERSION"));
    }

    /**
     * Runs initdb in a sibling folder and renames it, so a crash never leaves a half-initialised directory.
     * The superuser gets {@code password} and every connection must give it (PgAuth).
     */
    void initdb(Duration timeout, String password) throws IOException {
        if (Files.exists(data)) {
            try (var children = Files.list(data)) {
                if (children.findAny().isPresent()) {
                    throw new IOException(data + " exists but is not a PostgreSQL data directory (no PG_VERSION)");
                }
            }
            Files.delete(data);
        }
        Path temp = data.resolveSibling(data.getFileName() + ".initdb");
        Path pwfile = data.resolveSibling(".initdb-password");
        FileTrees.deleteRecursively(temp);
        Files.deleteIfExists(pwfile);
        Files.createDirectory(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        os.giveToPostgres(temp);
        Files.createFile(pwfile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
            os.giveToPostgres(pwfile); // initdb reads it as PostgreSQL's uid
            PgOs.Result r = os.run(data.getParent(), timeout, tool("initdb"), "-D", temp.toString(),
                    "-A", "scram-sha-256", "--pwfile=" + pwfile, "-U", EmbeddedPostgres.USER, "-E", "UTF8",
                    "--locale=C", "--no-instructions",
                    // One syncfs() instead of an fsync() per file: still durable, 3.6 s -> 1.6 s measured on our VM.
                    "--sync-method=syncfs");
            if (r.exitCode != 0) {
                throw new IOException("initdb failed (exit " + r.exitCode + "): " + r.output);
            }
        } finally {
            Files.deleteIfExists(pwfile);
        }
        PgAuth.writeHba(temp);
        Files.move(temp, data, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Starts the server with pg_ctl, which waits until it accepts connections and detaches it into its own
     * session (so a Ctrl-C in the terminal does not hit it before our shutdown hook does).
     * Returns false if the port was taken, so the caller can retry with another free port.
     */
    boolean start(int port, Duration timeout) throws IOException {
        rotateLog();
        String options = String.join(" ", "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", // TCP only: no socket file in /tmp or elsewhere
                // Room for the app's pool (16) and a few workers or psql sessions on the same server.
                "-c", "max_connections=100",
                "-c", "shared_buffers=32MB",
                "-c", "fsync=on",
                "-c", "synchronous_commit=on",
                "-c", "full_page_writes=on");
        long logStart = Files.size(log);
        PgOs.Result r = os.run(data.getParent(), timeout.plusSeconds(10), tool("pg_ctl"), "start", "-D",
                data.toString(), "-l", log.toString(), "-w", "-t", seconds(timeout), "-s", "-o", options);
        if (r.exitCode == 0) {
            return true;
        }
        String serverLog = logSince(logStart);
        // A server still starting up (pg_ctl gave up waiting) must not be left behind.
        os.run(data.getParent(), Duration.ofSeconds(30), tool("pg_ctl"), "stop", "-D", data.toString(),
                "-m", "immediate", "-w", "-s");
        if (serverLog.contains("could not bind") || serverLog.contains("Address already in use")) {
            return false;
        }
        throw new IOException("PostgreSQL did not start (pg_ctl exit " + r.exitCode + ", start timeout " + timeout
                + (r.output.isEmpty() ? "" : ": " + r.output) + "). Server log " + log + ":\n" + serverLog);
    }

    void stop(Duration timeout) throws IOException {
        PgOs.Result r = os.run(data.getParent(), timeout.plusSeconds(10), tool("pg_ctl"), "stop", "-D",
                data.toString(), "-m", "fast", "-w", "-t", seconds(timeout), "-s");
        if (r.exitCode != 0 && Files.exists(data.resolve("postmaster.pid"))) {
            throw new IOException("pg_ctl stop failed (exit " + r.exitCode + "): " + r.output);
        }
    }

    /**
     * A JVM killed with -9 leaves its server running, holding postmaster.pid; stop it so we start a fresh
     * one on a new port. Only called while holding the base folder's lock, so the owner is really gone.
     */
    void stopLeftover(Duration timeout) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        }
        long pid = lines.isEmpty() ? -1 : parsePid(lines.get(0));
        String[] args = pid > 0 ? commandLine(pid) : new String[0];
        if (args.length == 0) {
            // Dead (or a zombie, whose cmdline is empty): leave the file; PostgreSQL checks it itself,
            // including for orphaned backends still holding its shared memory, which deleting it would hide.
            return;
        }
        if (!args[0].equals("postgres") && !args[0].endsWith("/postgres")) {
            // The pid was reused by an unrelated process; PostgreSQL would refuse to start because of it.
            Files.deleteIfExists(pidFile);
            return;
        }
        if (!startedWithOurDataDirectory(args)) {
            // Some other postgres got this pid: leave the file for PostgreSQL's own interlock to judge.
            return;
        }
        System.err.println("[embedded-postgres] stopping leftover PostgreSQL server (pid " + pid + ") of " + data);
        // pg_ctl -w returns once the server removed postmaster.pid, its last act; waiting for the pid itself
        // would also wait for init to reap the zombie, which can take seconds in some containers.
        stop(timeout);
        if (Files.exists(pidFile)) {
            throw new IOException("leftover PostgreSQL server (pid " + pid + ") of " + data + " did not stop");
        }
    }

    /** The process's argv; /proc/PID/cmdline is readable for every uid, unlike /proc/PID/cwd. */
    private static String[] commandLine(long pid) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8);
            return raw.isEmpty() ? new String[0] : raw.split("\0");
        } catch (IOException e) {
            return new String[0]; // exited meanwhile
        }
    }

    private boolean startedWithOurDataDirectory(String[] args) throws IOException {
        Path ours = data.toRealPath();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-D")) {
                try {
                    return Path.of(args[i + 1]).toRealPath().equals(ours);
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** The last lines of the server log, for error messages. */
    String logTail() {
        try {
            return logSince(0);
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    private String logSince(long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(offset, f.length() - 8192);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).strip();
        }
    }

    /** pg_ctl appends to the log forever; keep one previous generation. */
    private void rotateLog() throws IOException {
        if (Files.exists(log) && Files.size(log) > MAX_LOG_BYTES) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(log)) {
            Files.createFile(log);
            os.giveToPostgres(log);
        }
    }

    private String tool(String name) {
        return home.resolve("bin").resolve(name).toString();
    }

    private static String seconds(Duration d) {
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }

    private static long parsePid(String line) {
        try {
            return Long.parseLong(line.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

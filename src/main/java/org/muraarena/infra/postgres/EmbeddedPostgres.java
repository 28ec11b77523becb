package org.muraarena.infra.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A private PostgreSQL 17 server run from the binaries in Zonky's Maven artifact, for the zero-setup default
 * and for tests. Plain JDK code so it can run before Quarkus boots.
 *
 * <p>Layout under the base folder: {@code bin-<version>-<crc>/} (unpacked binaries, shared by restarts),
 * {@code data/} (PGDATA), {@code postgresql.log} (server log), {@code .lock} (held while a JVM owns the server),
 * {@code password} (the superuser's random password, mode 0600). The server listens on 127.0.0.1 only,
 * requires that password from user {@value #USER} (scram-sha-256), and keeps fsync and synchronous_commit
 * on (Zonky's own launcher turns the latter off). A root JVM runs it in a user namespace, or else as
 * uid 65534 (PgOs).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The superuser that owns everything; its password is {@link #password()}. */
    public static final String USER = "postgres";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final PgServer server;
    private final int port;
    private final String database;
    private final String password;
    private final Path dataDirectory;
    private final Duration stopTimeout;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Thread shutdownHook = new Thread(this::stopQuietly, "embedded-postgres-shutdown");
    private boolean running = true;
    private volatile Thread stopAfter;

    private EmbeddedPostgres(PgServer server, int port, String database, String password, Path dataDirectory,
            Duration stopTimeout, FileChannel lockChannel, FileLock lock) {
        this.server = server;
        this.port = port;
        this.database = database;
        this.password = password;
        this.dataDirectory = dataDirectory;
        this.stopTimeout = stopTimeout;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Starts a server with default settings (database {@code arena}, free port) in {@code baseDir}. */
    public static EmbeddedPostgres start(Path baseDir) throws IOException {
        return builder(baseDir).start();
    }

    public static Builder builder(Path baseDir) {
        return new Builder(baseDir);
    }

    public int port() {
        return port;
    }

    /** JDBC URL of the application database. */
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String databaseName) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + databaseName;
    }

    public String user() {
        return USER;
    }

    /** The superuser's password, also in {@code <base>/password}. */
    public String password() {
        return password;
    }

    public String database() {
        return database;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (pg_ctl stop -m fast: rolls back open transactions, then a clean checkpoint). */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            server.stop(stopTimeout);
            running = false;
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this call may well come from the hook itself
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Makes the shutdown hook wait (at most the stop timeout) until {@code thread} ends or itself calls
     * System.exit, so that the app running there (Quarkus) closes its connections before the server stops;
     * all shutdown hooks start at once.
     */
    public void stopAtExitAfter(Thread thread) {
        this.stopAfter = thread;
    }

    private void awaitStopAfter() {
        Thread t = stopAfter;
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        while (t != null && t != Thread.currentThread() && t.isAlive() && System.nanoTime() < deadline
                && Arrays.stream(t.getStackTrace()).noneMatch(f -> f.getClassName().equals("java.lang.Shutdown"))) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void stopQuietly() {
        try {
            if (Thread.currentThread() == shutdownHook) {
                awaitStopAfter();
            }
            stop();
        } catch (RuntimeException e) {
            System.err.println("[embedded-postgres] could not stop the server: " + e.getMessage());
        }
    }

    /** Settings for {@link #start()}; everything has a default. */
    public static final class Builder {
        private final Path baseDir;
        private Path binariesCache;
        private int port;
        private String database = "arena";
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(60);
        private boolean userNamespace = true;

        private Builder(Path baseDir) {
            this.baseDir = baseDir.toAbsolutePath().normalize();
        }

        /** Fixed TCP port; 0 (the default) picks a free one at every start. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.port = port;
            return this;
        }

        /** The application database, created if absent (default {@code arena}). */
        public Builder database(String name) {
            if (!DATABASE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ": " + name);
            }
            this.database = name;
            return this;
        }

        /** Where unpacked binaries are cached (default: the base folder); tests can share one. */
        public Builder binariesCache(Path dir) {
            this.binariesCache = dir.toAbsolutePath().normalize();
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** False makes a root JVM use the setpriv-to-nobody fallback even where user namespaces work (tests). */
        Builder userNamespace(boolean allowed) {
            this.userNamespace = allowed;
            return this;
        }

        public EmbeddedPostgres start() throws IOException {
            PgOs os = PgOs.detect(userNamespace);
            Path cache = binariesCache != null ? binariesCache : baseDir;
            for (Path dir : List.of(baseDir, cache)) {
                Files.createDirectories(dir);
                if (os.runsAsNobody()) { // these folders are ours: open them up for the server's uid
                    PgOs.allowTraversal(dir);
                }
                os.checkReachable(dir);
            }
            FileChannel channel = FileChannel.open(baseDir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = null;
            try {
                lock = lockBaseDir(channel);
                Path home = PgBinaries.ensureUnpacked(cache);
                Path data = baseDir.resolve("data");
                Path log = baseDir.resolve("postgresql.log");
                os.adopt(data);
                os.adopt(log);
                PgServer server = new PgServer(os, home, data, log);
                PgAuth auth = new PgAuth(baseDir);
                if (!server.isInitialised()) {
                    server.initdb(startTimeout, auth.password());
                } else if (!auth.hasPassword() && !PgAuth.trustsAnyone(data)) {
                    throw new IOException(data + " requires a password, but its password file "
                            + baseDir.resolve(PgAuth.PASSWORD_FILE) + " is missing: restore it, or delete " + data
                            + " to start over with an empty database");
                }
                server.stopLeftover(stopTimeout);
                int actualPort = startOnFreePort(server);
                EmbeddedPostgres pg = new EmbeddedPostgres(server, actualPort, database, auth.password(), data,
                        stopTimeout, channel, lock);
                Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
                try {
                    if (PgAuth.trustsAnyone(data)) {
                        auth.migrateFromTrust(data, pg.jdbcUrl("postgres"), startTimeout);
                    }
                    auth.createDatabase(pg.jdbcUrl("postgres"), database, startTimeout);
                } catch (IOException | SQLException | RuntimeException e) {
                    pg.stopQuietly();
                    throw new IOException("PostgreSQL started but setting up database " + database + " failed: "
                            + e.getMessage() + ". Server log:\n" + server.logTail(), e);
                }
                return pg;
            } catch (IOException | RuntimeException e) {
                if (lock != null && lock.isValid()) {
                    lock.release();
                }
                channel.close();
                throw e;
            }
        }

        /**
         * The lock tells a leftover server (its JVM died, the OS released the lock) from one in use by a live
         * JVM, whose server must not be stopped under it.
         */
        private FileLock lockBaseDir(FileChannel channel) throws IOException {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("an embedded PostgreSQL server for " + baseDir
                        + " is already run by another live process or by this JVM (lock " + baseDir.resolve(".lock")
                        + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            return lock;
        }

        private int startOnFreePort(PgServer server) throws IOException {
            // A free port can be taken between probing and binding: retry a few times with a new one.
            for (int attempt = 1; ; attempt++) {
                int p = port != 0 ? port : freePort();
                if (server.start(p, startTimeout)) {
                    return p;
                }
                if (port != 0 || attempt == 3) {
                    throw new IOException("PostgreSQL could not bind 127.0.0.1:" + p + ". Server log:\n"
                            + server.logTail());
                }
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }
    }
}

package org.muraarena.infra.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    /**
     * Binaries cache shared by tests and builds, so only the first run pays for unpacking. In the temp folder
     * rather than target/: as root without user namespaces the server runs as nobody, which cannot enter a
     * checkout under /root.
     */
    private static final Path binaries = Path.of(System.getProperty("java.io.tmpdir"),
            "mura-arena-pg-bin-" + System.getProperty("user.name"));

    @TempDir
    Path dir;

    @BeforeEach
    void letServerUidIn() throws IOException {
        // JUnit creates temp folders with mode 0700; the setpriv fallback runs the server as nobody, who must enter.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void dataSurvivesRestartSettingsAreSafeAndFolderIsLocked() throws Exception {
        Path base = dir.resolve("pg");
        long t0 = System.nanoTime();
        EmbeddedPostgres pg = EmbeddedPostgres.builder(base).binariesCache(binaries).start();
        long cold = System.nanoTime() - t0;
        int firstPort = pg.port();
        Map<String, Object> unpacked = unpackedBinaries();
        try {
            try (Connection c = connect(pg); Statement s = c.createStatement()) {
                assertEquals("arena", single(s, "SELECT current_database()"));
                assertEquals("on", single(s, "SHOW synchronous_commit"));
                assertEquals("on", single(s, "SHOW fsync"));
                assertEquals("127.0.0.1", single(s, "SHOW listen_addresses"));
                assertEquals("", single(s, "SHOW unix_socket_directories"));
                assertEquals("UTF8", single(s, "SHOW server_encoding"));
                assertEquals("C", single(s, "SELECT datcollate FROM pg_database WHERE datname = 'arena'"));
                s.execute("CREATE TABLE game (id int PRIMARY KEY, name text NOT NULL)");
                s.execute("INSERT INTO game VALUES (1, 'mura')");
            }
            assertOnlyLoopback(firstPort);
            try (Stream<Path> files = Files.list(pg.dataDirectory())) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".s.PGSQL")), "no socket");
            }
            IOException busy = assertThrows(IOException.class,
                    () -> EmbeddedPostgres.builder(base).binariesCache(binaries).start());
            assertTrue(busy.getMessage().contains("already run"), busy.getMessage());
        } finally {
            pg.stop();
        }
        assertRefused(InetAddress.getLoopbackAddress(), firstPort);

        long t1 = System.nanoTime();
        EmbeddedPostgres again = EmbeddedPostgres.builder(base).binariesCache(binaries).start();
        long warm = System.nanoTime() - t1;
        try (Connection c = connect(again); Statement s = c.createStatement()) {
            assertEquals("mura", single(s, "SELECT name FROM game WHERE id = 1"));
        } finally {
            again.stop();
        }
        assertEquals(unpacked, unpackedBinaries(), "binaries unpacked once, then reused");
        System.out.printf("embedded postgres: first start %d ms, restart %d ms%n", cold / 1_000_000,
                warm / 1_000_000);
    }

    @Test
    void leftoverServerOfKilledJvmIsStoppedOnNextStart() throws Exception {
        Path base = dir.resolve("pg");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LeftoverServerMain.class.getName(), base.toString(), binaries.toString())
                .redirectErrorStream(true).start();
        long oldPostmaster;
        try {
            int port = awaitReady(child);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/arena",
                    EmbeddedPostgres.USER, Files.readString(base.resolve("password")).strip());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE survivor (v text)");
                s.execute("INSERT INTO survivor VALUES ('committed before kill -9')");
            }
            oldPostmaster = Long.parseLong(
                    Files.readAllLines(base.resolve("data/postmaster.pid")).get(0).trim());
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        assertTrue(running(oldPostmaster), "the server outlives its killed JVM");

        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(base).binariesCache(binaries).start();
                Connection c = connect(pg); Statement s = c.createStatement()) {
            assertFalse(running(oldPostmaster), "leftover server stopped");
            long newPostmaster = Long.parseLong(
                    Files.readAllLines(base.resolve("data/postmaster.pid")).get(0).trim());
            assertNotEquals(oldPostmaster, newPostmaster);
            assertEquals("committed before kill -9", single(s, "SELECT v FROM survivor"));
        }
    }

    @Test
    void connectionsNeedTheRandomPasswordKeptInAPrivateFile() throws Exception {
        Path base = dir.resolve("pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(base).binariesCache(binaries).start()) {
            Path file = base.resolve("password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(pg.password(), Files.readString(file).strip());
            assertTrue(pg.password().length() >= 32, "192 random bits");
            assertRefusedLogin(pg, "");
            assertRefusedLogin(pg, pg.password() + "x");
            try (Connection c = connect(pg); Statement s = c.createStatement()) {
                assertEquals("1", single(s, "SELECT 1"));
            }
        }
    }

    @Test
    void dataDirectoryCreatedWithTrustAuthenticationGetsAPasswordOnStart() throws Exception {
        Path base = dir.resolve("pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(base).binariesCache(binaries).start();
                Connection c = connect(pg); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('from the trust era')");
            s.execute("ALTER ROLE postgres PASSWORD NULL");
        }
        // What the launcher left before passwords: initdb -A trust's pg_hba.conf and no password file.
        Files.writeString(base.resolve("data/pg_hba.conf"),
                "local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n");
        Files.delete(base.resolve("password"));

        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(base).binariesCache(binaries).start()) {
            assertTrue(Files.exists(base.resolve("password")));
            assertRefusedLogin(pg, "");
            try (Connection c = connect(pg); Statement s = c.createStatement()) {
                assertEquals("from the trust era", single(s, "SELECT v FROM kept"));
            }
        }
        assertFalse(Files.readString(base.resolve("data/pg_hba.conf")).contains("trust"));
    }

    @Test
    void rootStartsTheServerInsideAFolderOnlyRootCanEnter() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only relevant as root");
        Assumptions.assumeTrue(PgOs.detect().mode() == PgOs.Mode.USER_NAMESPACE, "user namespaces blocked here");
        Path closed = Files.createTempDirectory(dir, "closed-"); // mode 0700, like a clone under /root
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(closed)));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(closed.resolve("pg")).binariesCache(closed.resolve("bin"))
                .start(); Connection c = connect(pg); Statement s = c.createStatement()) {
            assertEquals("arena", single(s, "SELECT current_database()"));
            assertEquals("0", Long.toString((Integer) Files.getAttribute(pg.dataDirectory(), "unix:uid")),
                    "files stay root's");
        }
    }

    @Test
    void rootWithoutUserNamespaceRunsServerAsNobodyAndDataMovesBetweenModes() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only relevant as root");
        Path closed = Files.createDirectory(dir.resolve("closed"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        IOException e = assertThrows(IOException.class, () -> EmbeddedPostgres.builder(closed.resolve("pg"))
                .binariesCache(binaries).userNamespace(false).start());
        assertTrue(e.getMessage().contains("cannot enter " + closed.toRealPath()), e.getMessage());

        Path base = dir.resolve("pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(base).binariesCache(binaries).userNamespace(false).start();
                Connection c = connect(pg); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE moved (v text)");
            s.execute("INSERT INTO moved VALUES ('written as nobody')");
            assertEquals(PgOs.NOBODY, (Integer) Files.getAttribute(pg.dataDirectory(), "unix:uid"));
        }
        // The same folder under the default mode (user namespace where available) keeps working, and back.
        for (boolean userNamespace : new boolean[] {true, false}) {
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder(base).binariesCache(binaries)
                    .userNamespace(userNamespace).start(); Connection c = connect(pg); Statement s = c.createStatement()) {
                assertEquals("written as nobody", single(s, "SELECT v FROM moved"));
            }
        }
    }

    private static void assertRefusedLogin(EmbeddedPostgres pg, String password) {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), password).close());
        // 28P01: invalid_password; an empty one is refused by the driver or the server, both before login.
        assertTrue("28P01".equals(e.getSQLState()) || e.getMessage().contains("password"), e.toString());
    }

    /** Cached binaries folders by name, with their inode (changes if re-unpacked). */
    private static Map<String, Object> unpackedBinaries() throws IOException {
        Map<String, Object> result = new TreeMap<>();
        try (Stream<Path> caches = Files.list(binaries)) {
            for (Path p : (Iterable<Path>) caches.filter(p -> p.getFileName().toString().startsWith("bin-"))::iterator) {
                result.put(p.getFileName().toString(), Files.getAttribute(p, "unix:ino"));
            }
        }
        return result;
    }

    /** Running and not a zombie: an exited postmaster is reparented to init, which may reap it late. */
    private static boolean running(long pid) {
        try {
            return Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")).length > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Connection connect(EmbeddedPostgres pg) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static int awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("READY ")) {
                        return line;
                    }
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                seen.append(e);
            }
            throw new IllegalStateException("child JVM ended without READY:\n" + seen);
        });
        return Integer.parseInt(ready.get(30, TimeUnit.SECONDS).substring(6).trim());
    }

    /** Connecting through any non-loopback address of this machine must be refused. */
    private static void assertOnlyLoopback(int port) throws IOException {
        List<InetAddress> others = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .collect(Collectors.toList());
        for (InetAddress a : others) {
            assertRefused(a, port);
        }
        assertRefused(InetAddress.getByName("::1"), port);
    }

    private static void assertRefused(InetAddress address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
            throw new AssertionError("PostgreSQL port " + port + " reachable via " + address);
        } catch (SocketException expected) {
            // refused (or no IPv6 at all): nothing listens there
        }
    }
}

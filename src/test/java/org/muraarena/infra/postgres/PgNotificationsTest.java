package org.muraarena.infra.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.muraarena.testing.Polling;
import org.muraarena.testing.TestData;

/**
 * The listener on a real PostgreSQL that the test stops and starts again (the embedded one, on a
 * fixed port, like PostgresRestartIT): notifications arrive, a restart is noticed, LISTEN is set up
 * again on a new connection (reported as a reconnection) and later notifications arrive too.
 */
class PgNotificationsTest {
    private static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"),
            "mura-arena-pg-bin-" + System.getProperty("user.name"));

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void notificationsArriveAndTheListenerComesBackAfterTheDatabaseRestarts() throws Exception {
        Path base = Files.createTempDirectory("mura-arena-pg-listen-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int port = freePort();
        EmbeddedPostgres pg = EmbeddedPostgres.builder(base).port(port).binariesCache(BINARIES).start();
        try (PgNotifications listener = new PgNotifications(pg.jdbcUrl(), pg.user(), pg.password(), "arena_test",
                Duration.ofSeconds(1), new PgNotifications.Handler() {
                    @Override
                    public void listening(boolean reconnected) {
                        events.add(reconnected ? "listening again" : "listening");
                    }

                    @Override
                    public void notified(List<String> payloads) {
                        payloads.forEach(p -> events.add("notified " + p));
                    }

                    @Override
                    public void lost(Exception cause, Duration pause) {
                        events.add("lost");
                    }
                })) {
            await("listening");
            notify(pg, "first");
            await("notified first");

            pg.stop();
            await("lost");
            pg = EmbeddedPostgres.builder(base).port(port).binariesCache(BINARIES).start();
            await("listening again");
            notify(pg, "second");
            await("notified second");
            assertEquals(1, events.stream().filter("listening"::equals).count(), events.toString());
            assertTrue(events.indexOf("notified second") > events.indexOf("listening again"), events.toString());
        } finally {
            pg.stop();
            TestData.deleteTree(base);
        }
    }

    private void await(String event) {
        Polling.upTo(Duration.ofSeconds(60), "listener event '" + event + "' in " + events).until(() -> events.contains(event));
    }

    /** A notification sent in a transaction of another connection, delivered when it commits. */
    private static void notify(EmbeddedPostgres pg, String payload) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("select pg_notify('arena_test', '" + payload + "')");
            c.commit();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }
}

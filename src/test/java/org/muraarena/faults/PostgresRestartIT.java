package org.muraarena.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.muraarena.infra.postgres.EmbeddedPostgres;
import org.muraarena.testing.TestData;
import org.awaitility.core.ConditionTimeoutException;
import org.muraarena.testing.Polling;
import java.time.Duration;

/**
 * Fault 4: PostgreSQL restarted while a worker is in the middle of an evaluation and more jobs
 * wait. The server and the worker reconnect by themselves and every job finishes, scored once. The
 * database is a real PostgreSQL 17 server that this test owns (the embedded one, on a fixed port),
 * so restarting it disturbs nothing else on the machine.
 */
class PostgresRestartIT {

    @Test
    void serverAndWorkersReconnectAfterAPostgresRestartAndFinishEveryJob() throws Exception {
        Path pgBase = Files.createTempDirectory("mura-arena-pg-restart-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "mura-arena-pg-bin-" + System.getProperty("user.name"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder(pgBase).port(port).binariesCache(binaries).start();
        byte[] baseline = Files.readAllBytes(Path.of("submissions/baseline/baseline.onnx"));
        byte[] tiny;
        try (InputStream in = PostgresRestartIT.class.getResourceAsStream("/onnx/tiny_dynamic.onnx")) {
            tiny = in.readAllBytes();
        }
        try (Cluster cluster = Cluster.onPostgres(pg.jdbcUrl(), pg.password())) {
            cluster.startServer();
            String team = cluster.team("restart-team");
            long slow = cluster.upload(team, baseline, Files.readString(Path.of("submissions/baseline/manifest.json")));
            for (int i = 0; i < 4; i++) {
                cluster.upload(team, ServerKillIT.withDocString(tiny, "restart " + i), "{\"name\": \"tiny\", \"input\": {\"height\": 8, \"width\": 8}}");
            }
            Process worker = cluster.startWorker("survivor");
            Map<String, Object> running = WorkerKillIT.awaitRow(cluster, slow, "status = 'RUNNING' and progress_done > 0", 180);

            long downAt = System.nanoTime();
            pg.stop();
            Thread.sleep(4000); // on purpose: the database stays down long enough for every client to notice
            pg = EmbeddedPostgres.builder(pgBase).port(port).binariesCache(binaries).start();
            double down = (System.nanoTime() - downAt) / 1e9;

            try {
                Polling.upTo(Duration.ofSeconds(240), "every job finishes after the restart").pollInterval(Duration.ofMillis(500))
                        .ignoreExceptionsInstanceOf(java.sql.SQLException.class).until(() -> WorkerRaceIT.open(cluster) == 0);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("jobs still open after the restart; worker log:\n" + cluster.log("survivor"), e);
            }
            assertTrue(worker.isAlive(), "the worker lived through the restart");
            List<Map<String, Object>> rows = cluster.query("select e.id, e.status, e.attempt, e.log,"
                    + " (select count(*) from result r where r.evaluation_id = e.id) as results from evaluation e");
            assertEquals(5, rows.size());
            int attempts = 0;
            for (Map<String, Object> row : rows) {
                assertEquals("SUCCEEDED", row.get("status"), "evaluation " + row.get("id") + ":\n" + row.get("log"));
                assertEquals(1L, ((Number) row.get("results")).longValue(), "scored exactly once");
                attempts += ((Number) row.get("attempt")).intValue();
                if (((Number) row.get("attempt")).intValue() > 1) {
                    ((String) row.get("log")).lines().filter(l -> l.startsWith("[arena]"))
                            .forEach(l -> System.out.println("NOTICE: evaluation " + row.get("id") + ": " + l));
                }
            }
            // The server answers again, and a job queued after the restart runs too.
            assertEquals(200, cluster.get("/api/leaderboard", null).statusCode());
            long after = cluster.upload(team, tiny, "{\"name\": \"after\", \"input\": {\"height\": 8, \"width\": 8}}");
            Map<String, Object> done = WorkerKillIT.awaitRow(cluster, after, "status = 'SUCCEEDED'", 120);
            assertEquals(1, ((Number) done.get("attempt")).intValue());
            System.out.printf("NOTICE: PostgreSQL down %.1f s while the worker was at %s/%s images; all 5 jobs finished, "
                    + "each scored once, %d attempts in all; a job queued after the restart ran too%n",
                    down, running.get("progress_done"), running.get("progress_total"), attempts);
        } finally {
            pg.stop();
            TestData.deleteTree(pgBase);
        }
    }
}

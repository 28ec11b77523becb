package org.muraarena.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.muraarena.core.Aggregation;
import org.muraarena.core.Hashing;
import org.muraarena.infra.postgres.EmbeddedPostgres;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.StudyProbabilities;
import org.muraarena.scoring.TruthFile;
import org.junit.jupiter.api.Test;
import org.muraarena.testing.BoardSeeder;
import org.muraarena.testing.HiddenResults;
import org.muraarena.testing.Polling;
import org.muraarena.testing.TestData;

/**
 * Two server processes of the packaged app on one PostgreSQL (a private one the test restarts,
 * like PostgresRestartIT). A hidden run that ends is released by one of them, and both serve the
 * new board soon after, byte for byte the same (equal ETags); while the database is down both keep
 * serving the board from memory; after it restarts both listen again, and a later release reaches
 * both. The delay between the first and the second process showing a change is printed.
 */
class BoardAcrossServersIT {

    @Test
    void twoServersShowEachReleaseAndKeepListeningAcrossADatabaseRestart() throws Exception {
        Path pgBase = Files.createTempDirectory("mura-arena-pg-board-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "mura-arena-pg-bin-" + System.getProperty("user.name"));
        int pgPort = Cluster.freePort();
        EmbeddedPostgres pg = EmbeddedPostgres.builder(pgBase).port(pgPort).binariesCache(binaries).start();
        try (Cluster cluster = Cluster.onPostgres(pg.jdbcUrl(), pg.password())) {
            cluster.startServer();
            int other = Cluster.freePort();
            cluster.startServer(other, "server-b", cluster.base.resolve("server-b"));
            int[] ports = {cluster.port, other};

            seedRun(pg, "Across Servers", 0.8);
            double first = awaitOnBoth(cluster, ports, "Across Servers");
            Polling.upTo(Duration.ofSeconds(30), "both servers send the same board")
                    .until(() -> cluster.get(ports[0], "/api/leaderboard").headers().firstValue("ETag")
                            .equals(cluster.get(ports[1], "/api/leaderboard").headers().firstValue("ETag")));

            pg.stop();
            for (int port : ports) {
                var board = cluster.get(port, "/api/leaderboard");
                assertEquals(200, board.statusCode(), "served from memory while the database is down");
                assertTrue(board.body().contains("Across Servers"));
            }
            Thread.sleep(3000); // on purpose: long enough for both listeners to lose their connection
            pg = EmbeddedPostgres.builder(pgBase).port(pgPort).binariesCache(binaries).start();
            Polling.upTo(Duration.ofSeconds(60), "both servers listen again").pollInterval(Duration.ofMillis(250))
                    .until(() -> Files.readString(cluster.base.resolve("server.log")).contains("listening to board changes again")
                            && Files.readString(cluster.base.resolve("server-b.log")).contains("listening to board changes again"));

            seedRun(pg, "After The Restart", 0.6);
            double second = awaitOnBoth(cluster, ports, "After The Restart");
            System.out.printf("NOTICE: two server processes on one PostgreSQL: the second showed a release %.0f ms after the"
                    + " first (%.0f ms after a database restart)%n", first, second);
        } finally {
            pg.stop();
            TestData.deleteTree(pgBase);
        }
    }

    /** A new team whose hidden run has just ended: the servers release it at the next tick. */
    private static void seedRun(EmbeddedPostgres pg, String team, double skill) throws Exception {
        Path labels = TestData.dataset().resolve("labels/test_readers.csv");
        TruthFile.Contents truth = TruthFile.read(labels);
        Map<String, Double> images = HiddenResults.predictions(truth.truth(), TestData.dataset(), skill, team.hashCode());
        ScoreReport report = new Scorer(AurocBootstrap.DEFAULT).score(truth.truth(), StudyProbabilities.fromImages(images, Aggregation.MEAN));
        try (BoardSeeder seeder = new BoardSeeder(pg.jdbcUrl(), pg.user(), pg.password(), Hashing.sha256(labels))) {
            seeder.run(seeder.team(team), "across-v1", PredictionsCsv.write(images), report, Instant.now().minusMillis(100));
            seeder.commit();
        }
    }

    /** Polls both servers until each shows {@code team}; returns how many ms the second was behind the first. */
    private static double awaitOnBoth(Cluster cluster, int[] ports, String team) {
        long[] seen = new long[ports.length];
        Polling.upTo(Duration.ofSeconds(60), team + " on both boards").pollInterval(Duration.ofMillis(20)).until(() -> {
            for (int i = 0; i < ports.length; i++) {
                if (seen[i] == 0 && cluster.get(ports[i], "/api/leaderboard").body().contains("\"" + team + "\"")) {
                    seen[i] = System.nanoTime();
                }
            }
            return seen[0] != 0 && seen[1] != 0;
        });
        return Math.abs(seen[0] - seen[1]) / 1e6;
    }
}

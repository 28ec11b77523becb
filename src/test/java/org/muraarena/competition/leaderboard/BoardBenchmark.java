package org.muraarena.competition.leaderboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.muraarena.core.Aggregation;
import org.muraarena.core.Hashing;
import org.muraarena.infra.postgres.EmbeddedPostgres;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.RankStatistics;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.StudyProbabilities;
import org.muraarena.scoring.TruthFile;
import org.muraarena.testing.BoardSeeder;
import org.muraarena.testing.HiddenResults;
import org.muraarena.testing.TestData;

/**
 * Benchmark, not a test (CONTRIBUTING.md): the board served by the packaged server against nginx
 * serving the same bytes, under {@code wrk -t2 -c50 -d20s}, for {@code /api/leaderboard} and {@code /}.
 * <ul>
 *   <li>{@code --demo}: a fresh server as a newcomer starts it (its own PostgreSQL, the demo team and
 *       the scored baseline);</li>
 *   <li>{@code --teams N --results R}: a private PostgreSQL seeded directly with N teams of R scored
 *       hidden results each on the 207 hidden studies, each team's best released; prints the cold
 *       build at start, a rebuild after one release (NOTIFY to a changed ETag), and the heap the board
 *       holds (heap after a full GC with this board minus with an empty one);</li>
 *   <li>{@code --stats}: {@link RankStatistics} alone on 100 and 1,000 teams, replicates per second.</li>
 * </ul>
 * Options: {@code --seconds S} per wrk run (20), {@code --rounds R} (2), {@code --jar PATH}
 * (target/quarkus-app/quarkus-run.jar), {@code --dump DIR} (also writes the board's JSON and CSV there).
 */
public final class BoardBenchmark {
    /** Where to write the served JSON and CSV (--dump), or null. */
    private static Path dump;

    private BoardBenchmark() {
    }

    public static void main(String... args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            options.put(args[i], i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true");
        }
        int seconds = Integer.parseInt(options.getOrDefault("--seconds", "20"));
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "2"));
        Path jar = Path.of(options.getOrDefault("--jar", "target/quarkus-app/quarkus-run.jar"));
        Path scratch = TestData.traversableTempDirectory("mura-arena-board-bench-");
        dump = options.containsKey("--dump") ? Path.of(options.get("--dump")) : null;
        Path pgDir = Path.of(options.getOrDefault("--pg-dir", scratch.resolve("pg").toString()));
        try {
            if (options.containsKey("--stats")) {
                statistics();
            } else if (options.containsKey("--demo")) {
                demo(jar, scratch, seconds, rounds);
            } else {
                scale(jar, scratch, pgDir, Integer.parseInt(options.getOrDefault("--teams", "1000")),
                        Integer.parseInt(options.getOrDefault("--results", "20")), seconds, rounds);
            }
        } finally {
            TestData.deleteTree(scratch);
        }
    }

    private static void demo(Path jar, Path scratch, int seconds, int rounds) throws Exception {
        Map<String, String> env = Map.of("ARENA_DATA_DIR", scratch.resolve("data").toString(), "ARENA_ADMIN_TOKEN", "bench",
                "ARENA_HIDDEN_RELEASE_EVERY", "PT1S");
        try (BenchServer server = new BenchServer(jar, scratch.resolve("server.log"), env)) {
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (new ObjectMapper().readTree(server.get("/api/leaderboard").body()).get("rows").isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the demo baseline was not on the board within 10 min");
                }
                Thread.sleep(1000);
            }
            System.out.println("BENCH demo board: " + server.builds().get(server.builds().size() - 1));
            serve(server, scratch, seconds, rounds);
        }
    }

    private static void scale(Path jar, Path scratch, Path pgDir, int teams, int results, int seconds, int rounds) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(pgDir).port(StaticBaseline.freePort())
                .binariesCache(Path.of(System.getProperty("java.io.tmpdir"), "mura-arena-pg-bin-" + System.getProperty("user.name")))
                .start()) {
            Map<String, String> env = Map.of("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME", pg.user(),
                    "QUARKUS_DATASOURCE_PASSWORD", pg.password(), "ARENA_DATA_DIR", scratch.resolve("data").toString(),
                    "ARENA_DATASET_DIR", TestData.dataset().toString(), "ARENA_DEMO", "false", "ARENA_WORKER_ENABLED", "false");
            Path labels = TestData.dataset().resolve("labels/test_readers.csv");
            TruthFile.Contents truth = TruthFile.read(labels);
            long emptyHeap = -1;
            if (teams(pg) == 0) { // a --pg-dir seeded by an earlier run is used as it is
                try (BenchServer empty = new BenchServer(jar, scratch.resolve("empty.log"), env)) { // also migrates the schema
                    emptyHeap = empty.heapAfterGc();
                }
                long t0 = System.nanoTime();
                try (BoardSeeder seeder = new BoardSeeder(pg.jdbcUrl(), pg.user(), pg.password(), Hashing.sha256(labels))) {
                    seed(seeder, truth, teams, results);
                }
                System.out.printf(Locale.ROOT, "BENCH seeded %d teams x %d hidden results on %d studies in %.0f s%n", teams, results,
                        truth.truth().size(), (System.nanoTime() - t0) / 1e9);
            }
            try (BenchServer server = new BenchServer(jar, scratch.resolve("server.log"), env)) {
                BenchServer.Build cold = server.builds().get(0);
                long heap = server.heapAfterGc();
                System.out.printf(Locale.ROOT, "BENCH start to first answer %.1f s; cold build %s%n", server.startSeconds, cold);
                System.out.printf(Locale.ROOT, "BENCH heap after GC: %.1f MiB with the board, %s%n", heap / 1048576.0, emptyHeap < 0
                        ? "(no empty baseline: the database was seeded before)" : String.format(Locale.ROOT,
                        "%.1f MiB empty: the board holds about %.1f MiB", emptyHeap / 1048576.0, (heap - emptyHeap) / 1048576.0));
                rebuildAfterOneRelease(server, pg, truth, labels);
                serve(server, scratch, seconds, rounds);
            }
        }
    }

    private record Run(String predictions, ScoreReport report) {
    }

    private static int teams(EmbeddedPostgres pg) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password()); var s = c.createStatement()) {
            var rs = s.executeQuery("select count(*) from pg_tables where tablename = 'team'");
            rs.next();
            if (rs.getInt(1) == 0) {
                return 0;
            }
            rs = s.executeQuery("select count(*) from team");
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Each team's results around a skill of its own; its best by kappa released, as the Ladder would leave it. */
    private static void seed(BoardSeeder seeder, TruthFile.Contents truth, int teams, int results) throws Exception {
        Scorer scorer = new Scorer(new AurocBootstrap(200, 1712)); // fewer AUROC replicates: only seeding speed differs
        Instant at = Instant.now().minusSeconds(86_400);
        for (int t = 0; t < teams; t++) {
            double skill = 0.15 + 0.8 * t / teams;
            int team = t;
            List<Run> runs = IntStream.range(0, results).parallel().mapToObj(r -> {
                Map<String, Double> images = HiddenResults.predictions(truth.truth(), TestData.dataset(), skill + 0.005 * r, team * 1000L + r);
                Map<String, Double> studies = StudyProbabilities.fromImages(images, Aggregation.MEAN);
                ScoreReport report = scorer.score(truth.truth(), studies);
                return new Run(PredictionsCsv.write(studies), report);
            }).toList();
            int best = IntStream.range(0, results).boxed().max((a, b) -> Double.compare(kappa(runs.get(a)), kappa(runs.get(b)))).orElseThrow();
            // every hundredth name needs quoting in CSV
            long id = seeder.team(t % 100 == 0 ? "bench \"team\", no. " + t : "bench team " + t);
            long[] evaluations = new long[results];
            for (int r = 0; r < results; r++) {
                // The best keeps image-level predictions, as an ONNX run stores them; the rest study-level, to keep the database small.
                String predictions = r == best ? PredictionsCsv.write(HiddenResults.predictions(truth.truth(), TestData.dataset(),
                        skill + 0.005 * r, t * 1000L + r)) : runs.get(r).predictions();
                evaluations[r] = seeder.run(id, "model-" + t + "-" + r, predictions, runs.get(r).report(), at.plusSeconds(t * 60L + r));
            }
            for (int r = 0; r < results; r++) { // every run released, so the server's release clock finds nothing to do
                seeder.release(evaluations[r], evaluations[best], at.plusSeconds(t * 60L + results));
            }
            seeder.releaseAsBest(id, evaluations[best], at.plusSeconds(t * 60L + results));
            if (t % 50 == 49) {
                seeder.commit();
            }
        }
        seeder.commit();
    }

    private static double kappa(Run run) {
        Double k = run.report().overall().kappa();
        return k == null ? -2 : k;
    }

    /** One more release (a new best for one team), notified as a release is: time until the server sends a new board. */
    private static void rebuildAfterOneRelease(BenchServer server, EmbeddedPostgres pg, TruthFile.Contents truth, Path labels) throws Exception {
        String before = server.get("/api/leaderboard").headers().firstValue("ETag").orElseThrow();
        int builds = server.builds().size();
        Map<String, Double> images = HiddenResults.predictions(truth.truth(), TestData.dataset(), 0.99, 4242);
        ScoreReport report = new Scorer(AurocBootstrap.DEFAULT).score(truth.truth(), StudyProbabilities.fromImages(images, Aggregation.MEAN));
        long start;
        try (BoardSeeder seeder = new BoardSeeder(pg.jdbcUrl(), pg.user(), pg.password(), Hashing.sha256(labels))) {
            long team = seeder.team("bench newcomer " + System.nanoTime());
            seeder.releaseAsBest(team, seeder.run(team, "newcomer", PredictionsCsv.write(images), report, Instant.now()), Instant.now());
            seeder.notifyBoard();
            start = System.nanoTime();
            seeder.commit();
        }
        while (server.get("/api/leaderboard").headers().firstValue("ETag").orElseThrow().equals(before)) {
            Thread.sleep(2);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        List<BenchServer.Build> all = server.builds();
        System.out.printf(Locale.ROOT, "BENCH one release: a new board served %.0f ms after the commit; rebuild %s%n", millis,
                all.size() > builds ? all.get(all.size() - 1) : "(not logged yet)");
    }

    /**
     * wrk against the server and against nginx serving the same bytes, each server run right beside
     * its nginx run (the machine's load drifts), in {@code rounds} rounds.
     */
    private static void serve(BenchServer server, Path scratch, int seconds, int rounds) throws Exception {
        byte[] json = server.get("/api/leaderboard").body();
        byte[] html = server.get("/").body();
        byte[] csv = server.get("/api/leaderboard.csv").body();
        System.out.printf(Locale.ROOT, "BENCH bytes: JSON %d, CSV %d, page %d%n", json.length, csv.length, html.length);
        if (dump != null) {
            java.nio.file.Files.createDirectories(dump);
            java.nio.file.Files.write(dump.resolve("leaderboard.json"), json);
            java.nio.file.Files.write(dump.resolve("leaderboard.csv"), csv);
        }
        try (StaticBaseline nginx = new StaticBaseline(scratch.resolve("nginx"), json, html)) {
            String base = "http://127.0.0.1:" + nginx.port;
            for (String warm : List.of(server.url("/api/leaderboard"), server.url("/"), base + "/api/leaderboard")) {
                StaticBaseline.wrk(warm, 5); // JIT, caches
            }
            for (int round = 1; round <= rounds; round++) {
                for (String path : List.of("/api/leaderboard", "/")) {
                    StaticBaseline.Load ours = StaticBaseline.wrk(server.url(path), seconds);
                    StaticBaseline.Load theirs = StaticBaseline.wrk(base + path, seconds);
                    System.out.println("BENCH wrk server " + ours.line());
                    System.out.println("BENCH wrk nginx  " + theirs.line());
                    System.out.printf(Locale.ROOT, "BENCH round %d %s: server/nginx %.2f (goal >= 0.5)%n", round, path,
                            ours.requestsPerSecond() / theirs.requestsPerSecond());
                }
            }
        }
    }

    /** The bootstrap alone: random calls for 100 and 1,000 teams plus three readers on 207 studies. */
    private static void statistics() {
        Random random = new Random(1712);
        int[] gold = random.ints(207, 0, 2).toArray();
        for (int rows : new int[] {103, 1003, 103, 1003}) {
            int[][] calls = new int[rows][];
            for (int r = 0; r < rows; r++) {
                double right = 0.6 + 0.35 * random.nextDouble();
                calls[r] = IntStream.range(0, gold.length).map(i -> random.nextDouble() < right ? gold[i] : 1 - gold[i]).toArray();
            }
            long start = System.nanoTime();
            RankStatistics.Result result = RankStatistics.DEFAULT.compute(gold, calls);
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "BENCH RankStatistics on %d rows x 207 studies: %.3f s, %.0f replicates/s%n", rows, s,
                    result.replicates() / s);
        }
    }
}

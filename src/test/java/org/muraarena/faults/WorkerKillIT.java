package org.muraarena.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fault 1: a worker killed with SIGKILL in the middle of an evaluation. Its job must be re-leased
 * once the lease runs out, run again by another worker and scored exactly once; the killed
 * worker's evaluator process must not live on. {@code -Dsoak.rounds=N} repeats it (the soak
 * script) and prints one summary line.
 */
class WorkerKillIT {

    @Test
    void aKilledWorkersJobIsRecoveredAndScoredExactlyOnce() throws Exception {
        int rounds = Integer.getInteger("soak.rounds", 1);
        byte[] baseline = Files.readAllBytes(Path.of("submissions/baseline/baseline.onnx"));
        String manifest = Files.readString(Path.of("submissions/baseline/manifest.json"));
        List<Double> recoveries = new ArrayList<>();
        int scoredOnce = 0;
        try (Cluster cluster = Cluster.onSharedPostgres("kill")) {
            cluster.startServer();
            String team = cluster.team("kill-team");
            for (int round = 1; round <= rounds; round++) {
                long submission = cluster.upload(team, baseline, manifest);
                String victimName = "victim-" + round;
                Process victim = cluster.startWorker(victimName);
                Map<String, Object> running = awaitRow(cluster, submission,
                        "status = 'RUNNING' and lease_owner = '" + victimName + "' and progress_done > 0", 180);
                assertEquals(1, ((Number) running.get("attempt")).intValue());
                List<ProcessHandle> children = victim.descendants().toList();
                assertTrue(!children.isEmpty(), "the worker runs its evaluation in a child process");
                Instant killedAt = Instant.now();
                Cluster.kill9(victim);

                // The evaluator child notices its worker is gone and stops by itself.
                for (ProcessHandle child : children) {
                    child.onExit().get(10, TimeUnit.SECONDS);
                }
                Process rescuer = cluster.startWorker("rescuer-" + round);
                Map<String, Object> second = awaitRow(cluster, submission, "attempt = 2 and started_at is not null", 120);
                double recovery = Duration.between(killedAt, ((java.sql.Timestamp) second.get("started_at")).toInstant()).toMillis() / 1000.0;
                Map<String, Object> done = awaitRow(cluster, submission, "status in ('SUCCEEDED', 'FAILED', 'CANCELLED')", 180);
                assertEquals("SUCCEEDED", done.get("status"), "log:\n" + done.get("log") + "\nrescuer:\n" + cluster.log("rescuer-" + round));
                assertEquals(2, ((Number) done.get("attempt")).intValue());
                assertTrue(((String) done.get("log")).contains("worker " + victimName + " stopped answering"));
                long results = ((Number) cluster.query("select count(*) as n from result where evaluation_id = ?",
                        done.get("id")).get(0).get("n")).longValue();
                assertEquals(1, results, "scored exactly once");
                scoredOnce++;
                recoveries.add(recovery);
                System.out.printf("NOTICE: round %d: worker killed at %d/%d images; job re-leased and started again %.1f s later "
                        + "(lease 6 s); scored once%n", round, ((Number) running.get("progress_done")).intValue(),
                        ((Number) running.get("progress_total")).intValue(), recovery);
                Cluster.stop(rescuer);
            }
        }
        recoveries.sort(Double::compare);
        System.out.printf("SOAK worker-kill: rounds=%d scored_once=%d lost=0 scored_twice=0 recovery_s min=%.1f median=%.1f max=%.1f%n",
                rounds, scoredOnce, recoveries.get(0), recoveries.get(recoveries.size() / 2), recoveries.get(recoveries.size() - 1));
    }

    /** Polls the submission's dry-run row until {@code condition} holds. */
    static Map<String, Object> awaitRow(Cluster cluster, long submission, String condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> rows = cluster.query("select * from evaluation where submission_id = ? and phase = 'DRY_RUN' and "
                    + condition, submission);
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("submission " + submission + ": no row with " + condition + " in " + seconds + " s: "
                + cluster.query("select status, attempt, lease_owner, progress_done, log from evaluation where submission_id = ?", submission)
                + "\nserver log:\n" + cluster.log("server"));
    }
}

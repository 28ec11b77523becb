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
import org.muraarena.testing.Polling;
import org.awaitility.core.ConditionTimeoutException;

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
        List<String> problems = new ArrayList<>();
        int scoredOnce = 0;
        int scoredTwice = 0;
        int lost = 0;
        try (Cluster cluster = Cluster.onSharedPostgres("kill")) {
            cluster.startServer();
            String team = cluster.team("kill-team");
            for (int round = 1; round <= rounds; round++) {
                // Two workers stand by; whichever claims the job is killed, and the other, already
                // running, recovers it: the time measured is the queue's recovery, not a JVM start-up.
                Map<String, Process> workers = new java.util.HashMap<>();
                for (String name : List.of("a-" + round, "b-" + round)) {
                    workers.put(name, cluster.startWorker(name));
                }
                for (String name : workers.keySet()) {
                    awaitWorker(cluster, name);
                }
                long submission = cluster.upload(team, baseline, manifest);
                Map<String, Object> running = awaitRow(cluster, submission, "status = 'RUNNING' and progress_done > 0", 180);
                assertEquals(1, ((Number) running.get("attempt")).intValue());
                String victimName = (String) running.get("lease_owner");
                Process victim = workers.remove(victimName);
                String rescuerName = workers.keySet().iterator().next();
                Process rescuer = workers.get(rescuerName);
                List<ProcessHandle> children = victim.descendants().toList();
                assertTrue(!children.isEmpty(), "the worker runs its evaluation in a child process");
                Instant killedAt = Instant.now();
                Cluster.kill9(victim);

                // The evaluator child notices its worker is gone and stops by itself.
                for (ProcessHandle child : children) {
                    child.onExit().get(10, TimeUnit.SECONDS);
                }
                Map<String, Object> second = awaitRow(cluster, submission, "attempt = 2 and started_at is not null", 120);
                double recovery = Duration.between(killedAt, ((java.sql.Timestamp) second.get("started_at")).toInstant()).toMillis() / 1000.0;
                Map<String, Object> done = awaitRow(cluster, submission, "status in ('SUCCEEDED', 'FAILED', 'CANCELLED')", 180);
                long results = ((Number) cluster.query("select count(*) as n from result where evaluation_id = ?",
                        done.get("id")).get(0).get("n")).longValue();
                boolean recovered = "SUCCEEDED".equals(done.get("status")) && ((Number) done.get("attempt")).intValue() == 2
                        && ((String) done.get("log")).contains("worker " + victimName + " stopped answering");
                if (recovered && results == 1) {
                    scoredOnce++;
                } else if (results > 1) {
                    scoredTwice++;
                    problems.add("round " + round + ": " + results + " results");
                } else {
                    lost++;
                    problems.add("round " + round + ": " + done.get("status") + " after " + done.get("attempt") + " attempts:\n"
                            + done.get("log") + "\nrescuer:\n" + cluster.log(rescuerName));
                }
                recoveries.add(recovery);
                System.out.printf("NOTICE: round %d: worker killed at %d/%d images; job re-leased and started again %.1f s later "
                        + "(lease %s); %s, %d result(s)%n", round, ((Number) running.get("progress_done")).intValue(),
                        ((Number) running.get("progress_total")).intValue(), recovery, System.getProperty("fault.lease", "PT6S"),
                        done.get("status"), results);
                Cluster.stop(rescuer);
            }
        }
        recoveries.sort(Double::compare);
        System.out.printf("SOAK worker-kill: rounds=%d scored_once=%d lost=%d scored_twice=%d recovery_s min=%.1f median=%.1f max=%.1f%n",
                rounds, scoredOnce, lost, scoredTwice, recoveries.get(0), recoveries.get(recoveries.size() / 2),
                recoveries.get(recoveries.size() - 1));
        assertEquals(List.of(), problems);
        assertEquals(rounds, scoredOnce);
    }

    static void awaitWorker(Cluster cluster, String name) {
        Polling.upTo(Duration.ofSeconds(120), "worker " + name + " registers")
                .until(() -> !cluster.query("select 1 from worker where name = ? and stopped_at is null", name).isEmpty());
    }

    /** Polls the submission's dry-run row until {@code condition} holds. */
    static Map<String, Object> awaitRow(Cluster cluster, long submission, String condition, int seconds) throws Exception {
        try {
            return Polling.upTo(Duration.ofSeconds(seconds), "submission " + submission + ": a row with " + condition)
                    .until(() -> cluster.query("select * from evaluation where submission_id = ? and phase = 'DRY_RUN' and "
                            + condition, submission), rows -> !rows.isEmpty()).get(0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("submission " + submission + ": no row with " + condition + " in " + seconds + " s: "
                + cluster.query("select status, attempt, lease_owner, progress_done, log from evaluation where submission_id = ?", submission)
                + "\nserver log:\n" + cluster.log("server"), e);
        }
    }
}

package org.muraarena.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.awaitility.core.ConditionTimeoutException;
import org.muraarena.testing.Polling;
import java.time.Duration;

/**
 * Fault 3: three worker processes racing over 50 queued jobs on the shared PostgreSQL. Each job
 * runs once (attempt 1), none is left stuck, none is scored twice. The jobs are real ONNX runs
 * (a tiny model on the 28-study sample set), so the race includes real evaluator processes.
 */
class WorkerRaceIT {
    static final int JOBS = 50;

    @Test
    void threeWorkersRunFiftyJobsEachExactlyOnce() throws Exception {
        byte[] tiny;
        try (InputStream in = WorkerRaceIT.class.getResourceAsStream("/onnx/tiny_dynamic.onnx")) {
            tiny = in.readAllBytes();
        }
        String manifest = "{\"name\": \"racer\", \"input\": {\"height\": 8, \"width\": 8}}";
        try (Cluster cluster = Cluster.onSharedPostgres("race")) {
            cluster.startServer();
            List<String> teams = List.of(cluster.team("race-a"), cluster.team("race-b"), cluster.team("race-c"));
            for (int i = 0; i < JOBS; i++) {
                cluster.upload(teams.get(i % teams.size()), ServerKillIT.withDocString(tiny, "racer " + i), manifest);
            }
            long start = System.nanoTime();
            List<Process> workers = new ArrayList<>();
            for (String name : List.of("racer-1", "racer-2", "racer-3")) {
                workers.add(cluster.startWorker(name));
            }
            try {
                Polling.upTo(Duration.ofSeconds(600), "no job left queued or running").pollInterval(Duration.ofMillis(500))
                        .until(() -> open(cluster) == 0);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("jobs left queued or running (stuck):\n" + cluster.log("racer-1"), e);
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            List<Map<String, Object>> rows = cluster.query("select e.id, e.status, e.attempt, e.log,"
                    + " (select count(*) from result r where r.evaluation_id = e.id) as results from evaluation e");
            assertEquals(JOBS, rows.size());
            Map<String, Integer> perWorker = new HashMap<>();
            for (Map<String, Object> row : rows) {
                assertEquals("SUCCEEDED", row.get("status"), "evaluation " + row.get("id") + ":\n" + row.get("log"));
                assertEquals(1, ((Number) row.get("attempt")).intValue(), "claimed once: " + row.get("id"));
                assertEquals(1L, ((Number) row.get("results")).longValue(), "scored exactly once: " + row.get("id"));
                String log = (String) row.get("log");
                assertEquals(1, log.split("attempt 1 on worker ", -1).length - 1, "ran once:\n" + log);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("attempt 1 on worker (\\S+)").matcher(log);
                assertTrue(m.find());
                perWorker.merge(m.group(1), 1, Integer::sum);
            }
            for (Process w : workers) {
                Cluster.stop(w);
            }
            System.out.printf("NOTICE: 3 workers ran %d real ONNX dry runs in %.1f s (%.2f jobs/s); each once, none stuck; "
                    + "jobs per worker: %s%n", JOBS, seconds, JOBS / seconds, perWorker);
        }
    }

    /** Jobs still queued or running. */
    static long open(Cluster cluster) throws Exception {
        return ((Number) cluster.query("select count(*) as n from evaluation where status in ('QUEUED', 'RUNNING')")
                .get(0).get("n")).longValue();
    }
}

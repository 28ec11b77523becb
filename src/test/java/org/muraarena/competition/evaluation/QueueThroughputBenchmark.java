package org.muraarena.competition.evaluation;

import org.muraarena.competition.submission.EvaluationStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.muraarena.core.Manifest;
import org.muraarena.http.api.TeamResourceTest;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.NoWorkerProfile;
import org.muraarena.testing.QueueFixtures;

/**
 * Benchmark, not a test: queue throughput (claim + complete per second) with a no-op sandbox, for
 * 1, 2 and 4 concurrent workers, each on its own database connection, on the real PostgreSQL (the
 * embedded one, or the one named by ARENA_TEST_JDBC_URL). Run with
 * {@code ./mvnw test -Dtest=QueueThroughputBenchmark -Dbench.queue=true}.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
@TestProfile(NoWorkerProfile.class)
@EnabledIfSystemProperty(named = "bench.queue", matches = "true")
class QueueThroughputBenchmark {
    static final int JOBS = 2000;
    static final EvaluationQueue.Capabilities ONNX = new EvaluationQueue.Capabilities(Set.of(Manifest.Kind.ONNX), false);

    @Inject
    EvaluationQueue queue;
    @Inject
    EntityManager em;

    @Test
    void claimAndCompleteThroughput() throws Exception {
        QueueFixtures.drain();
        String token = null;
        for (int t = 0; t < 8; t++) {
            token = TeamResourceTest.createTeam("bench-" + t + "-" + System.nanoTime());
        }
        long submission = QueueFixtures.upload(token, "bench");
        QueueFixtures.drain();
        for (int workers : new int[] {1, 2, 4, 1, 2, 4, 1, 2, 4}) {
            seed(submission);
            AtomicInteger done = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            long t0 = System.nanoTime();
            List<Future<?>> loops = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String name = "bench-" + w;
                loops.add(pool.submit(() -> {
                    while (true) {
                        Optional<EvaluationQueue.Claim> claim = queue.claim(name, ONNX);
                        if (claim.isEmpty()) {
                            return null;
                        }
                        queue.whileOwned(claim.get(), e -> e.transitionTo(EvaluationStatus.SUCCEEDED, Instant.now()));
                        done.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : loops) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            assertEquals(JOBS, done.get());
            long twice = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(*) from evaluation e join submission s on s.id = e.submission_id"
                    + " where s.model_name = 'bench-copy' and (e.status <> 'SUCCEEDED' or e.attempt <> 1)")
                    .getSingleResult()).longValue());
            assertEquals(0, twice, "a job claimed twice or not finished");
            System.out.printf("BENCH queue: %d worker(s): %d jobs claimed and completed in %.2f s = %.0f jobs/s%n",
                    workers, JOBS, seconds, JOBS / seconds);
        }
    }

    /** JOBS queued dry runs, each of its own submission (copies of one), spread over 8 teams. */
    void seed(long submission) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from evaluation where submission_id in (select id from submission where model_name = 'bench-copy')")
                    .executeUpdate();
            em.createNativeQuery("delete from submission where model_name = 'bench-copy'").executeUpdate();
            em.createNativeQuery("""
                    insert into submission (team_id, kind, model_name, manifest, sha256, size_bytes, created_at)
                    select t.id, s.kind, 'bench-copy', s.manifest, s.sha256, s.size_bytes, now()
                    from submission s, generate_series(1, ?2) g,
                         lateral (select id from team order by id desc offset (g % 8) limit 1) t
                    where s.id = ?1""").setParameter(1, submission).setParameter(2, JOBS).executeUpdate();
            em.createNativeQuery("""
                    insert into evaluation (submission_id, phase, status, queued_at)
                    select id, 'DRY_RUN', 'QUEUED', now() from submission where model_name = 'bench-copy'""").executeUpdate();
        });
    }
}

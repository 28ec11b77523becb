package org.muraarena.job;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable job queue: evaluations are rows; a worker claims one with
 * {@code FOR UPDATE SKIP LOCKED} (dry runs first, then oldest first), holds a lease it renews,
 * and writes its result only while its attempt still owns the row.
 */
@ApplicationScoped
public class EvaluationQueue {
    /** How long a claim lasts without a heartbeat; a dead worker's job is re-queued after it. */
    public static final Duration LEASE = Duration.ofSeconds(60);
    /** Attempts before a job that keeps losing its worker fails for good. */
    public static final int MAX_ATTEMPTS = 3;

    private final EntityManager em;
    private final Clock clock;

    public EvaluationQueue(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** A claimed job: which row, and the attempt that owns it. */
    public record Claim(long evaluationId, int attempt) {
    }

    /** Claims the next queued evaluation for {@code worker}. QUEUED → RUNNING. */
    public Optional<Claim> claim(String worker) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("""
                    select id from evaluation where status = 'QUEUED'
                    order by case phase when 'DRY_RUN' then 0 else 1 end, queued_at, id
                    limit 1 for update skip locked""").getResultList();
            if (ids.isEmpty()) {
                return Optional.<Claim>empty();
            }
            Evaluation evaluation = em.find(Evaluation.class, ids.get(0).longValue());
            Instant now = clock.instant();
            evaluation.transitionTo(EvaluationStatus.RUNNING, now);
            evaluation.leaseOwner = worker;
            evaluation.leaseUntil = now.plus(LEASE);
            evaluation.progressDone = 0;
            return Optional.of(new Claim(evaluation.id, evaluation.attempt));
        });
    }

    /**
     * Runs {@code change} on the claimed row if the claim still owns it (RUNNING, same attempt),
     * renewing the lease; returns false — and changes nothing — when it does not (the job was
     * cancelled or re-leased to another attempt: a late result must not count).
     */
    public boolean whileOwned(Claim claim, Consumer<Evaluation> change) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Evaluation evaluation = em.find(Evaluation.class, claim.evaluationId(), LockModeType.PESSIMISTIC_WRITE);
            if (evaluation == null || evaluation.status() != EvaluationStatus.RUNNING || evaluation.attempt != claim.attempt()) {
                return false;
            }
            evaluation.leaseUntil = clock.instant().plus(LEASE);
            change.accept(evaluation);
            return true;
        });
    }

    /**
     * Re-queues running jobs whose lease ran out (their worker died), or fails them after
     * {@link #MAX_ATTEMPTS}. RUNNING → QUEUED | FAILED. Returns how many it touched.
     */
    public int recoverExpired() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<Evaluation> expired = Evaluation.find("status = ?1 and leaseUntil < ?2", EvaluationStatus.RUNNING, now)
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list();
            for (Evaluation evaluation : expired) {
                if (evaluation.attempt >= MAX_ATTEMPTS) {
                    evaluation.failureClass = "INTERNAL";
                    evaluation.error = "gave up after " + evaluation.attempt + " attempts whose workers stopped answering";
                    evaluation.transitionTo(EvaluationStatus.FAILED, now);
                } else {
                    evaluation.appendLog("[arena] worker " + evaluation.leaseOwner + " stopped answering; queued again\n");
                    evaluation.transitionTo(EvaluationStatus.QUEUED, now);
                }
            }
            return expired.size();
        });
    }
}

package org.muraarena.competition.evaluation;

import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.Phase;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.Manifest;

/**
 * The durable job queue: evaluations are rows; a worker claims one with
 * {@code FOR UPDATE SKIP LOCKED}, holds a lease it renews, and writes its result only while its
 * attempt still owns the row. Order (docs/DESIGN.md, a fair queue): dry runs go first, except that
 * a hidden run that could run now is passed by at most one dry run. When hidden runs wait, phases
 * alternate (a dry run only right after a hidden run), and once a dry run passed a hidden run
 * (counted in {@code passed_by_dry_runs}) dry runs wait until it is claimed; claims racing in
 * parallel may each pass it once, so at most one dry run per worker slot. Within each phase, the
 * team served least recently first (round robin), then the oldest job. A team runs at most one dry
 * run and {@code arena.queue.team-concurrency} hidden runs at once.
 */
@ApplicationScoped
public class EvaluationQueue {
    private final EntityManager em;
    private final Clock clock;
    private final Duration lease;
    private final int maxAttempts;
    private final int teamConcurrency;

    public EvaluationQueue(EntityManager em, Clock clock, ArenaConfig config) {
        this.em = em;
        this.clock = clock;
        this.lease = config.queue().lease();
        this.maxAttempts = config.queue().maxAttempts();
        this.teamConcurrency = config.queue().teamConcurrency();
    }

    /** A claimed job: which row, the attempt that owns it, and the worker that claimed it. */
    public record Claim(long evaluationId, int attempt, String worker) {
    }

    /**
     * What a worker slot can run: the submission kinds it has sandboxes for, whether it has a GPU, and
     * the phases it takes (a slot for hidden runs only, or one for dry runs only, never waits on the other phase).
     */
    public record Capabilities(Set<Manifest.Kind> kinds, boolean gpu, Set<Phase> phases) {
        public Capabilities {
            kinds = Set.copyOf(kinds);
            phases = Set.copyOf(phases);
            if (phases.isEmpty()) {
                throw new IllegalArgumentException("a worker slot takes at least one phase");
            }
        }

        /** A slot that takes both phases. */
        public Capabilities(Set<Manifest.Kind> kinds, boolean gpu) {
            this(kinds, gpu, Set.of(Phase.values()));
        }

        /** The same, for the phases {@code only}. */
        public Capabilities only(Set<Phase> only) {
            return new Capabilities(kinds, gpu, only);
        }
    }

    public Duration lease() {
        return lease;
    }

    /** Claims the next queued evaluation that {@code worker} can run. QUEUED → RUNNING. */
    public Optional<Claim> claim(String worker, Capabilities can) {
        if (can.kinds().isEmpty()) {
            return Optional.empty();
        }
        for (int round = 0; round < 3; round++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> tryClaim(worker, can));
            } catch (LostRace e) {
                // rolled back: another worker took the team's last slot of the phase first
            }
        }
        return Optional.empty(); // kept losing races for team slots: the next poll tries again
    }

    /** Rolls a claim back: another worker took the team's last slot of the phase meanwhile. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super(null, null, false, false);
        }
    }

    /** One claim transaction; throws {@link LostRace} when another worker took the team's last slot of the phase. */
    private Optional<Claim> tryClaim(String worker, Capabilities can) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                select e.id from %s join team t on t.id = s.team_id
                where %s and (e.phase = 'HIDDEN' or not exists (
                    select 1 from %s where %s and e.phase = 'HIDDEN' and (e.passed_by_dry_runs > 0 or (%s))))
                order by case e.phase when 'DRY_RUN' then 0 else 1 end,
                  case e.phase when 'DRY_RUN' then t.last_dry_run_claim else t.last_hidden_claim end asc nulls first,
                  e.queued_at, e.id
                limit 1 for update of e, t skip locked""".formatted(QUEUED, CLAIMABLE, QUEUED, CLAIMABLE, LAST_CLAIM_WAS_DRY_RUN))
                .setParameter("kinds", can.kinds().stream().map(Enum::name).toList())
                .setParameter("gpu", can.gpu())
                .setParameter("phases", can.phases().stream().map(Enum::name).toList())
                .setParameter("cap", teamConcurrency)
                .getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Evaluation evaluation = em.find(Evaluation.class, ids.get(0).longValue());
        long team = evaluation.submission.team.id;
        Instant now = clock.instant();
        if (evaluation.phase == Phase.DRY_RUN) {
            passHiddenRuns(can);
        }
        // Round robin: this team was served now (last in line for this phase). Its row is locked by
        // the select above, so racing claims skip the team's other jobs instead of colliding on it
        // (one dry run per team would make them lose); the count below stays as the guard.
        em.createNativeQuery("update team set " + (evaluation.phase == Phase.DRY_RUN ? "last_dry_run_claim" : "last_hidden_claim")
                + " = :now where id = :team").setParameter("now", now).setParameter("team", team).executeUpdate();
        int running = ((Number) em.createNativeQuery(RUNNING)
                .setParameter("phase", evaluation.phase.name()).setParameter("team", team).getSingleResult()).intValue();
        if (running >= (evaluation.phase == Phase.DRY_RUN ? 1 : teamConcurrency)) {
            throw new LostRace();
        }
        evaluation.transitionTo(EvaluationStatus.RUNNING, now);
        evaluation.leaseOwner = worker;
        evaluation.leaseUntil = now.plus(lease);
        evaluation.progressDone = 0;
        return Optional.of(new Claim(evaluation.id, evaluation.attempt, worker));
    }

    /**
     * Counts this dry-run claim against every hidden run the worker could have claimed instead.
     * Rows locked by another claim are skipped, not waited for: a hidden claim runs them anyway,
     * and a racing dry-run claim counts them itself; waiting could deadlock against either.
     */
    private void passHiddenRuns(Capabilities can) {
        em.createNativeQuery("""
                update evaluation set passed_by_dry_runs = passed_by_dry_runs + 1 where id in (
                  select e.id from %s where %s and e.phase = 'HIDDEN' for update of e skip locked)""".formatted(QUEUED, CLAIMABLE))
                .setParameter("kinds", can.kinds().stream().map(Enum::name).toList())
                .setParameter("gpu", can.gpu())
                .setParameter("phases", can.phases().stream().map(Enum::name).toList())
                .setParameter("cap", teamConcurrency)
                .executeUpdate();
    }

    /** Whether the latest claim of all took a dry run (then a hidden run that waits goes next). O(teams). */
    private static final String LAST_CLAIM_WAS_DRY_RUN = """
            (select max(last_dry_run_claim) from team) > (select coalesce(max(last_hidden_claim), '-infinity') from team)""";

    /** Running jobs of phase {@code :phase} of team {@code :team}. */
    private static final String RUNNING = """
            select count(*) from evaluation r join submission rs on rs.id = r.submission_id
            where r.status = 'RUNNING' and r.phase = :phase and rs.team_id = :team""";

    /**
     * Jobs {@code e} of submissions {@code s} with {@code running.n}, how many jobs of the same team
     * and phase run now: counted once per query (a join), not once per queued row.
     */
    private static final String QUEUED = """
            evaluation e join submission s on s.id = e.submission_id
            left join (select rs.team_id, r.phase, count(*) as n from evaluation r join submission rs on rs.id = r.submission_id
                       where r.status = 'RUNNING' group by rs.team_id, r.phase) running
              on running.team_id = s.team_id and running.phase = e.phase""";

    /**
     * A job of {@link #QUEUED} that waits, that this worker can run, and that its team may start
     * now: below one running dry run, or {@code :cap} running hidden runs.
     */
    private static final String CLAIMABLE = """
            e.status = 'QUEUED' and s.kind in (:kinds) and (not s.needs_gpu or :gpu) and e.phase in (:phases)
            and coalesce(running.n, 0) < case e.phase when 'DRY_RUN' then 1 else :cap end""";

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
            evaluation.leaseUntil = clock.instant().plus(lease);
            change.accept(evaluation);
            return true;
        });
    }

    /**
     * {@link #whileOwned} for a run's final write (its result, or its failure), which must not be
     * lost to a database that is restarting: tries again while the database is unreachable, for up to
     * one lease. If the lease runs out meanwhile, the job has been handed on and the write is refused.
     */
    public boolean finalWrite(Claim claim, Consumer<Evaluation> change) {
        long deadline = System.nanoTime() + lease.toNanos();
        while (true) {
            try {
                return whileOwned(claim, change);
            } catch (RuntimeException e) {
                if (!unreachable(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                Log.infof("evaluation %d: the database is unreachable (%s); trying again", claim.evaluationId(), e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Whether an exception means the database could not be reached (SQLState class 08), not a bad write. */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Re-queues running jobs whose lease ran out (their worker died), or fails them after
     * {@code arena.queue.max-attempts}. RUNNING → QUEUED | FAILED. Returns how many it touched.
     */
    public int recoverExpired() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<Evaluation> expired = Evaluation.find("status = ?1 and leaseUntil < ?2", EvaluationStatus.RUNNING, now)
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list();
            for (Evaluation evaluation : expired) {
                if (evaluation.attemptsSinceRequeue() >= maxAttempts) {
                    evaluation.failureClass = "INTERNAL";
                    evaluation.error = "gave up after " + evaluation.attemptsSinceRequeue()
                            + " attempts whose workers stopped answering";
                    evaluation.appendLog("[arena] worker " + evaluation.leaseOwner + " stopped answering; " + evaluation.error + "\n");
                    evaluation.transitionTo(EvaluationStatus.FAILED, now);
                } else {
                    evaluation.appendLog("[arena] worker " + evaluation.leaseOwner + " stopped answering (lease ran out "
                            + evaluation.leaseUntil + "); queued again\n");
                    evaluation.transitionTo(EvaluationStatus.QUEUED, now);
                }
            }
            return expired.size();
        });
    }
}

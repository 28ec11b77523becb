package org.muraarena.competition.admin;

import org.muraarena.competition.audit.AuditEntry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.muraarena.core.ArenaConfig;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.competition.workers.WorkerProcess;
import org.muraarena.competition.workers.WorkerRegistry;

/**
 * What the organizer sees of the queue: jobs waiting or running, recent failures, workers, the audit
 * log, and each team's compute so far.
 */
@ApplicationScoped
public class QueueSnapshot {
    private static final int RECENT = 50;

    private final Clock clock;
    private final WorkerRegistry registry;
    private final Duration heartbeat;
    private final Optional<Double> budgetHours;

    public QueueSnapshot(Clock clock, WorkerRegistry registry, ArenaConfig config) {
        this.clock = clock;
        this.registry = registry;
        this.heartbeat = config.queue().heartbeat();
        this.budgetHours = config.quota().computeHours();
    }

    public record Job(long id, long submission, String team, String model, String kind, String phase, String status,
                      int attempt, String worker, Instant leaseUntil, Instant queuedAt, Instant startedAt,
                      Instant finishedAt, int progressDone, int progressTotal, String failureClass, String error,
                      Double cpuSeconds, Double gpuSeconds) {
    }

    /**
     * A team's compute over all its evaluations (what was measured): CPU seconds of its dry and hidden
     * runs, GPU seconds (null when no GPU ran), and the share of the budget used (null without one).
     */
    public record TeamCompute(String team, long measured, double dryRunCpuSeconds, double hiddenCpuSeconds,
                              Double gpuSeconds, Double budgetShare) {
        public double cpuSeconds() {
            return dryRunCpuSeconds + hiddenCpuSeconds;
        }
    }

    /**
     * A worker as last heard from. {@code state}: {@code working}, {@code idle}, {@code silent}
     * (no heartbeat for three periods: dead or cut off) or {@code stopped}.
     */
    public record Worker(String name, String host, long pid, String kinds, Instant startedAt, Instant lastHeartbeat,
                         long secondsSinceHeartbeat, String running, String state) {
    }

    public record Audit(long id, Instant at, String actor, String action, String target, String detail) {
    }

    /** @param budgetHours {@code arena.quota.compute-hours}, or null when there is no budget */
    public record View(Instant at, long queued, long running, List<Job> active, List<Job> recentlyFinished,
                       List<Worker> workers, List<Audit> audit, List<TeamCompute> compute, Double budgetHours) {
    }

    public View now() {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Job> active = Evaluation.<Evaluation>list(
                    "status in ?1 order by case when status = ?2 then 0 else 1 end, queuedAt, id",
                    List.of(EvaluationStatus.RUNNING, EvaluationStatus.QUEUED), EvaluationStatus.RUNNING)
                    .stream().map(QueueSnapshot::job).toList();
            List<Job> finished = Evaluation.<Evaluation>find(
                    "status in ?1 order by finishedAt desc, id desc",
                    List.of(EvaluationStatus.SUCCEEDED, EvaluationStatus.FAILED, EvaluationStatus.CANCELLED))
                    .page(0, RECENT).list().stream().map(QueueSnapshot::job).toList();
            List<Worker> workers = registry.recent(Duration.ofHours(24)).stream().map(w -> worker(w, now)).toList();
            List<Audit> audit = AuditEntry.newest(RECENT).stream()
                    .map(a -> new Audit(a.id, a.at, a.actor, a.action, a.target, a.detail)).toList();
            long queued = active.stream().filter(j -> j.status().equals("QUEUED")).count();
            return new View(now, queued, active.size() - queued, active, finished, workers, audit, compute(),
                    budgetHours.orElse(null));
        });
    }

    /** Every team with a measured evaluation, the costliest first. */
    private List<TeamCompute> compute() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Evaluation.getEntityManager().createNativeQuery("""
                select t.name, count(*),
                  coalesce(sum(e.cpu_seconds) filter (where e.phase = 'DRY_RUN'), 0),
                  coalesce(sum(e.cpu_seconds) filter (where e.phase = 'HIDDEN'), 0),
                  sum(e.gpu_seconds)
                from evaluation e join submission s on s.id = e.submission_id join team t on t.id = s.team_id
                where e.cpu_seconds is not null
                group by t.id, t.name
                order by sum(e.cpu_seconds) desc, t.name""").getResultList();
        return rows.stream().map(r -> {
            double dry = ((Number) r[2]).doubleValue();
            double hidden = ((Number) r[3]).doubleValue();
            Double share = budgetHours.filter(h -> h > 0).map(h -> (dry + hidden) / (h * 3600)).orElse(null);
            return new TeamCompute((String) r[0], ((Number) r[1]).longValue(), dry, hidden,
                    r[4] == null ? null : ((Number) r[4]).doubleValue(), share);
        }).toList();
    }

    private Worker worker(WorkerProcess w, Instant now) {
        long silent = Math.max(0, Duration.between(w.lastHeartbeat, now).toSeconds());
        String state = w.stoppedAt != null ? "stopped"
                : silent > 3 * Math.max(1, heartbeat.toSeconds()) ? "silent"
                : w.running.isEmpty() ? "idle" : "working";
        return new Worker(w.name, w.host, w.pid, w.kinds, w.startedAt, w.lastHeartbeat, silent, w.running, state);
    }

    private static Job job(Evaluation e) {
        return new Job(e.id, e.submission.id, e.submission.team.name, e.submission.modelName, e.submission.kind.name(),
                e.phase.name(), e.status().name(), e.attempt, e.leaseOwner, e.leaseUntil, e.queuedAt, e.startedAt,
                e.finishedAt, e.progressDone, e.progressTotal, e.failureClass, e.error, e.cpuSeconds, e.gpuSeconds);
    }
}

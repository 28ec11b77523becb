package org.muraarena.competition.leaderboard;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.competition.submission.Result;
import org.muraarena.competition.team.Team;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.Ladder;
import org.muraarena.scoring.PredictionsCsv;

/**
 * Releases finished hidden runs on a clock (docs/DESIGN.md): at the first tick of
 * {@code arena.hidden.release-every} after a run ends (ticks are multiples of the period since the
 * epoch, so every process agrees), its outcome reaches its team and, through the {@link Ladder}, the
 * board. Each release stores the Ladder's decision; views and the board read it, never recompute it.
 * Every process runs this; a release locks its team's row, so two processes never decide twice.
 */
@ApplicationScoped
public class HiddenReleases {
    private final Clock clock;
    private final DatasetService dataset;
    private final Scheduler scheduler;
    private final Duration period;
    private final BoardChanges board;

    public HiddenReleases(Clock clock, DatasetService dataset, Scheduler scheduler, ArenaConfig config, BoardChanges board) {
        this.clock = clock;
        this.dataset = dataset;
        this.scheduler = scheduler;
        this.board = board;
        this.period = config.hidden().releaseEvery();
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("arena.hidden.release-every must be at least 1 ms, got " + period);
        }
    }

    void start(@Observes StartupEvent event) {
        // Poll well within a period (at most every second), so a release shows soon after its tick.
        Duration poll = Duration.ofMillis(Math.max(200, Math.min(1000, period.toMillis() / 4)));
        scheduler.newJob("hidden-releases").setInterval(poll.toString()).setDelayed(poll.toString())
                .setConcurrentExecution(ConcurrentExecution.SKIP).setTask(execution -> sweep()).schedule();
    }

    /** The release tick of a run that ended at {@code finishedAt}: the first multiple of the period after it. */
    public Instant tick(Instant finishedAt) {
        long p = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(finishedAt.toEpochMilli(), p) * p + p);
    }

    private void sweep() {
        try {
            releaseDue();
        } catch (RuntimeException e) {
            Log.warnf(e, "hidden releases: %s", e.toString()); // the database may be restarting; next round
        }
    }

    /** Releases every finished hidden run whose tick has come, oldest first; returns how many. */
    public int releaseDue() {
        if (!dataset.ready()) {
            return 0;
        }
        Instant now = clock.instant();
        long p = period.toMillis();
        // tick(finishedAt) <= now  <=>  finishedAt < the last tick at or before now
        Instant lastTick = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), p) * p);
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> Evaluation.<Evaluation>list(
                "phase = ?1 and releasedAt is null and finishedAt < ?2 and status in ?3 order by finishedAt, id",
                Phase.HIDDEN, lastTick, List.of(EvaluationStatus.SUCCEEDED, EvaluationStatus.FAILED,
                        EvaluationStatus.CANCELLED)).stream().map(e -> e.id).toList());
        int released = 0;
        for (long id : due) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> release(id))) {
                    released++;
                }
            } catch (RuntimeException e) {
                // One run that cannot be released (the database failing under it) must not hold back the rest.
                Log.errorf(e, "hidden run %d cannot be released: %s", id, e.getMessage());
            }
        }
        return released;
    }

    /**
     * Before: a finished hidden run not released yet. After: released at its tick; a success also
     * carries the Ladder's decision against the team's released best, which it replaces if it improved.
     */
    private boolean release(long evaluationId) {
        Evaluation found = Evaluation.findById(evaluationId);
        if (found == null) {
            return false;
        }
        Team team = Team.findById(found.submission.team.id, LockModeType.PESSIMISTIC_WRITE);
        Evaluation e = Evaluation.findById(evaluationId);
        Evaluation.getEntityManager().refresh(e);
        if (e.releasedAt != null || e.finishedAt == null || !e.status().finished()) {
            return false; // another process released it, or an organizer queued it again
        }
        if (e.status() == EvaluationStatus.SUCCEEDED && Result.latest(e) != null) {
            Evaluation best = team.releasedBestEvaluationId == null ? null : Evaluation.findById(team.releasedBestEvaluationId);
            team.releasedBestEvaluationId = decide(team, e, best, dataset.truth(Phase.HIDDEN));
        }
        e.releasedAt = tick(e.finishedAt);
        return true;
    }

    /**
     * After a re-score (corrected hidden labels): every team's released successes are decided again,
     * in the order they were released, against the labels as they are now, so that each stored bit and
     * each released best is what the Ladder gives on those labels. The caller holds the transaction.
     * Returns how many decisions changed.
     */
    public int replayLadders() {
        DatasetService.Truth truth = dataset.truth(Phase.HIDDEN);
        int changed = 0;
        for (Team team : Team.<Team>list("order by id")) {
            Team.getEntityManager().lock(team, LockModeType.PESSIMISTIC_WRITE);
            Evaluation best = null;
            for (Evaluation e : Evaluation.<Evaluation>list("submission.team = ?1 and phase = ?2 and status = ?3"
                    + " and releasedAt is not null order by releasedAt, id", team, Phase.HIDDEN, EvaluationStatus.SUCCEEDED)) {
                if (Result.latest(e) == null) {
                    continue;
                }
                Boolean before = e.ladderImproved;
                Long bestId = decide(team, e, best, truth);
                best = bestId == null ? null : Evaluation.findById(bestId);
                if (!java.util.Objects.equals(before, e.ladderImproved)) {
                    changed++;
                }
            }
            team.releasedBestEvaluationId = best == null ? null : best.id;
        }
        return changed;
    }

    /**
     * Decides {@code candidate} against the team's released best so far and stores the decision on it;
     * returns the id of the released best after it. A run whose stored predictions no longer fit the
     * labels cannot be decided: it does not improve (the organizer's log says why), and it cannot hold
     * the release of the rest back.
     */
    private Long decide(Team team, Evaluation candidate, Evaluation best, DatasetService.Truth truth) {
        long start = System.nanoTime();
        Ladder.Decision decision;
        try {
            decision = Ladder.DEFAULT.decide(truth.contents().truth(),
                    best == null ? null : studies(best, truth), studies(candidate, truth));
        } catch (IllegalStateException ex) {
            Log.errorf("hidden run %d of team %s cannot be decided, released as not improved: %s",
                    candidate.id, team.name, ex.getMessage());
            candidate.ladderImproved = false;
            candidate.ladderKappaBest = null;
            candidate.ladderKappaCandidate = null;
            candidate.ladderDifference = null;
            candidate.ladderStandardError = null;
            candidate.ladderReplicates = null;
            candidate.ladderBest = best;
            return best == null ? null : best.id;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        candidate.ladderImproved = decision.improved();
        candidate.ladderKappaBest = decision.kappaBest();
        candidate.ladderKappaCandidate = decision.kappaCandidate();
        candidate.ladderDifference = decision.difference();
        candidate.ladderStandardError = decision.standardError();
        candidate.ladderReplicates = decision.replicates();
        candidate.ladderBest = decision.improved() ? candidate : best;
        if (decision.improved()) {
            board.record(); // the team's best moves (the caller stores it): every process rebuilds its board on commit
        }
        Log.infof("hidden run %d of team %s released: improved %s (kappa %s vs best %s, difference %s, SE %s, %d replicates, %d ms)",
                candidate.id, team.name, decision.improved(), decision.kappaCandidate(), decision.kappaBest(),
                decision.difference(), decision.standardError(), decision.replicates(), millis);
        return candidate.ladderBest == null ? null : candidate.ladderBest.id;
    }

    /** A run's study probabilities from its stored predictions, aggregated as its manifest says. */
    private static Map<String, Double> studies(Evaluation e, DatasetService.Truth truth) {
        Result result = Result.latest(e);
        try {
            return PredictionsCsv.parse(result.predictions, "the stored predictions", truth.contents().expected())
                    .studyProbabilities(e.submission.parsedManifest().aggregation());
        } catch (BadInputException ex) {
            // The runner wrote them with the same codec against the same labels: only a label change gets here.
            throw new IllegalStateException("stored predictions of evaluation " + e.id + ": " + ex.getMessage(), ex);
        }
    }
}

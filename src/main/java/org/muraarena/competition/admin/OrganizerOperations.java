package org.muraarena.competition.admin;

import org.muraarena.competition.audit.AuditEntry;
import org.muraarena.competition.calendar.CompetitionCalendar;
import org.muraarena.competition.leaderboard.HiddenReleases;
import org.muraarena.competition.leaderboard.BoardChanges;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.muraarena.competition.submission.EvaluationQueued;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.muraarena.core.Refusal;
import org.muraarena.dataset.DatasetService;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.Phase;
import org.muraarena.competition.submission.Result;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;

/**
 * What organizers do to the queue and the scores: cancel, re-queue, re-score. Each writes an
 * audit entry in the same transaction as the change, so neither exists without the other.
 */
@ApplicationScoped
public class OrganizerOperations {
    private static final Set<EvaluationStatus> REQUEUEABLE =
            EnumSet.of(EvaluationStatus.FAILED, EvaluationStatus.CANCELLED, EvaluationStatus.RUNNING);

    private final Clock clock;
    private final DatasetService dataset;
    private final Event<EvaluationQueued> queued;
    private final HiddenReleases releases;
    private final CompetitionCalendar calendar;
    private final BoardChanges board;

    public OrganizerOperations(Clock clock, DatasetService dataset, Event<EvaluationQueued> queued, HiddenReleases releases,
            CompetitionCalendar calendar, BoardChanges board) {
        this.calendar = calendar;
        this.clock = clock;
        this.dataset = dataset;
        this.queued = queued;
        this.releases = releases;
        this.board = board;
    }

    /**
     * Cancels a queued or running evaluation. A running one's worker notices at its next heartbeat,
     * stops the sandbox and discards whatever it would have written.
     */
    @Transactional
    public Evaluation cancel(long evaluationId, String actor) {
        Evaluation e = locked(evaluationId);
        if (e.status().finished()) {
            throw new Refusal.Conflict("evaluation " + evaluationId + " has finished already (" + e.status() + ")");
        }
        EvaluationStatus was = e.status();
        Instant now = clock.instant();
        String owner = e.leaseOwner;
        e.failureClass = "CANCELLED";
        e.error = "cancelled by the organizer";
        e.appendLog("[arena] cancelled by the organizer\n");
        e.transitionTo(EvaluationStatus.CANCELLED, now);
        AuditEntry.record(now, actor, "cancel", target(e), "was " + was + (owner == null ? "" : " on worker " + owner));
        return e;
    }

    /**
     * Puts a failed, cancelled or stuck running evaluation back in the queue, with a fresh
     * allowance of attempts. A running attempt is fenced out: whatever it writes later is discarded.
     */
    @Transactional
    public Evaluation requeue(long evaluationId, String actor) {
        Evaluation e = locked(evaluationId);
        if (!REQUEUEABLE.contains(e.status())) {
            throw new Refusal.Conflict("evaluation " + evaluationId + " is " + e.status()
                    + "; only FAILED, CANCELLED or RUNNING evaluations can be queued again"
                    + (e.status() == EvaluationStatus.SUCCEEDED ? " (re-score instead)" : ""));
        }
        EvaluationStatus was = e.status();
        Instant now = clock.instant();
        e.attemptsBeforeRequeue = e.attempt;
        e.failureClass = null;
        e.error = null;
        e.progressDone = 0;
        e.appendLog("[arena] queued again by the organizer (was " + was + ")\n");
        e.transitionTo(EvaluationStatus.QUEUED, now);
        AuditEntry.record(now, actor, "requeue", target(e), "was " + was + " after " + e.attempt + " attempt(s)");
        queued.fire(new EvaluationQueued(e.id, e.phase));
        return e;
    }

    /** What a re-score did. */
    public record Rescore(String truthSha256, int rescored, int unchanged, List<String> problems, int ladderChanged) {
    }

    /**
     * Scores every tagged submission's hidden predictions again against the hidden labels as they
     * are now (after a label fix): a new result version for each whose newest result was computed
     * from other labels; old versions are kept. Predictions are not re-run: they are stored. When any
     * result changed, every team's Ladder decisions are replayed on the new labels (HiddenReleases).
     */
    @Transactional
    public Rescore rescore(String actor) {
        DatasetService.Truth truth = dataset.truth(Phase.HIDDEN);
        List<Evaluation> scored = Evaluation.list("phase = ?1 and status = ?2 and submission.taggedAt is not null order by id",
                Phase.HIDDEN, EvaluationStatus.SUCCEEDED);
        int rescored = 0;
        int unchanged = 0;
        List<String> problems = new ArrayList<>();
        Instant now = clock.instant();
        for (Evaluation e : scored) {
            Result latest = Result.latest(e);
            if (latest == null) {
                continue;
            }
            if (latest.truthSha256.equals(truth.sha256())) {
                unchanged++;
                continue;
            }
            try {
                Map<String, Double> studies = PredictionsCsv.parse(latest.predictions, "the stored predictions",
                        truth.contents().expected()).studyProbabilities(e.submission.parsedManifest().aggregation());
                ScoreReport report = new Scorer(AurocBootstrap.DEFAULT).score(truth.contents().truth(), studies);
                Result next = new Result();
                next.evaluation = e;
                next.version = latest.version + 1;
                next.score(report);
                next.predictions = latest.predictions;
                next.truthSha256 = truth.sha256();
                next.createdAt = now;
                next.persist();
                rescored++;
            } catch (BadInputException ex) {
                problems.add("submission " + e.submission.id + ": " + ex.getMessage());
            }
        }
        // The Ladder's decisions were taken on the old labels: take them again on these, in release order.
        int ladderChanged = rescored > 0 ? releases.replayLadders() : 0;
        // New result versions, and the reference rows if the labels changed: every process rebuilds its board on commit.
        board.record();
        AuditEntry.record(now, actor, "rescore", "hidden labels " + truth.sha256().substring(0, 12),
                rescored + " re-scored, " + unchanged + " unchanged" + (problems.isEmpty() ? "" : ", " + problems.size() + " problem(s)")
                        + (rescored > 0 ? ", " + ladderChanged + " Ladder decision(s) changed" : ""));
        return new Rescore(truth.sha256(), rescored, unchanged, problems, ladderChanged);
    }

    /** Lifts the board's freeze for everyone (arena.competition.freeze-at); audited. */
    @Transactional
    public Instant publish(String actor) {
        Instant at = calendar.publish(actor);
        AuditEntry.record(at, actor, "publish", "the board", "freeze of " + calendar.freezeAt().orElseThrow() + " lifted");
        board.record(); // the public board is live again: every process rebuilds it on commit
        return at;
    }

    private static Evaluation locked(long id) {
        Evaluation e = Evaluation.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw new Refusal.NotFound("evaluation " + id);
        }
        return e;
    }

    private static String target(Evaluation e) {
        return "evaluation " + e.id + " (" + e.phase + " of submission " + e.submission.id + ", team " + e.submission.team.name + ")";
    }
}

package org.muraarena.competition.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.muraarena.core.Compute;
import org.muraarena.core.FailureClass;
import org.muraarena.core.Phase;
import org.muraarena.scoring.ScoreReport;

/**
 * A submission as the API shows it (docs/DESIGN.md). Teams see their dry run in full; of the hidden
 * evaluation only {@link HiddenView}; the organizer sees both runs in full and, in {@code release},
 * when the hidden outcome was released and the Ladder's numbers. Built from rows already read by
 * {@link SubmissionViews}; it queries nothing itself beyond the released best's result.
 */
public record SubmissionView(long id, String team, String model, String kind, String sha256, long sizeBytes,
                             String status, Instant createdAt, Instant taggedAt, RunView dryRun, HiddenRun evaluation,
                             String error, @JsonInclude(JsonInclude.Include.NON_NULL) Release release) {

    /**
     * One evaluation. {@code log} and {@code error} are null where the viewer may not see them;
     * {@code queuePosition} (1 = next) only for a queued dry run, never for a hidden run, whose
     * place would time the runs ahead of it. {@code compute}: what it cost (null before anything was
     * measured); a team reads it only for its dry runs, since a hidden run's CPU seconds would time
     * it ({@link HiddenView} has none).
     */
    public record RunView(String status, Progress progress, ScoreReport metrics, String provider, String failureClass,
                          String error, String log, Instant queuedAt, Instant startedAt, Instant finishedAt,
                          Integer queuePosition, Compute compute) implements HiddenRun {
    }

    /**
     * The organizer's view of a hidden run's release: when it was released (null before) and the
     * Ladder's decision (null unless a released success); {@code bestSubmissionId} is the team's
     * released best right after it.
     */
    public record Release(Instant releasedAt, Boolean improved, Double kappaBest, Double kappaCandidate,
                          Double difference, Double standardError, Integer replicates, Long bestSubmissionId) {
    }

    public record Progress(int done, int total) {
    }

    /** One evaluation's row, its latest result (null while unscored) and, for a queued dry run, its place. */
    record Run(Evaluation evaluation, Result result, Integer queuePosition) {
    }

    /** The view of {@code s} for a team ({@code organizer} false) or the organizer. */
    static SubmissionView of(Submission s, Run dryRunRow, Run hiddenRow, boolean organizer) {
        RunView dryRun = run(dryRunRow);
        if (hiddenRow != null && !organizer) {
            HiddenView hidden = HiddenView.of(hiddenRow.evaluation(), s.taggedAt);
            String error = "FAILED".equals(hidden.status())
                    ? "hidden evaluation failed; its details stay with the organizers: the dry run is the place to debug" : null;
            return new SubmissionView(s.id, s.team.name, s.modelName, s.kind.name(), s.sha256, s.sizeBytes,
                    hidden.status(), s.createdAt, s.taggedAt, dryRun, hidden, error, null);
        }
        RunView hidden = run(hiddenRow);
        RunView current = hidden != null ? hidden : dryRun;
        String error = null;
        if (current != null && "FAILED".equals(current.status())) {
            String phase = hidden != null ? "hidden evaluation" : "dry run";
            String label = label(current.failureClass());
            error = phase + " failed: " + (current.error() == null ? label
                    : current.error().startsWith(label) ? current.error() : label + ": " + current.error());
        }
        return new SubmissionView(s.id, s.team.name, s.modelName, s.kind.name(), s.sha256, s.sizeBytes,
                current == null ? "QUEUED" : current.status(), s.createdAt, s.taggedAt, dryRun, hidden, error,
                hiddenRow == null ? null : release(hiddenRow.evaluation()));
    }

    private static Release release(Evaluation e) {
        return new Release(e.releasedAt, e.ladderImproved, e.ladderKappaBest, e.ladderKappaCandidate, e.ladderDifference,
                e.ladderStandardError, e.ladderReplicates, e.ladderBest == null ? null : e.ladderBest.submission.id);
    }

    private static RunView run(Run row) {
        if (row == null) {
            return null;
        }
        Evaluation e = row.evaluation();
        ScoreReport metrics = row.result() == null ? null : row.result().report;
        return new RunView(e.status().name(), new Progress(e.progressDone, e.progressTotal), metrics, e.provider,
                e.failureClass, e.error, e.log, e.queuedAt, e.startedAt,
                e.finishedAt, e.phase == Phase.DRY_RUN ? row.queuePosition() : null, e.compute());
    }

    private static String label(String failureClass) {
        if (failureClass == null) {
            return "unknown";
        }
        try {
            return FailureClass.valueOf(failureClass).label();
        } catch (IllegalArgumentException e) {
            return failureClass;
        }
    }
}

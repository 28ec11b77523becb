package org.muraarena.competition.submission;

import java.time.Instant;
import org.muraarena.core.FailureClass;
import org.muraarena.core.Phase;
import org.muraarena.scoring.ScoreReport;

/**
 * A submission as the API shows it (docs/DESIGN.md). Teams see their dry run in full; of the hidden
 * evaluation only status, progress, metrics and the failure class — never its log or reason.
 * Built from rows already read by {@link SubmissionViews}; it queries nothing itself.
 */
public record SubmissionView(long id, String team, String model, String kind, String sha256, long sizeBytes,
                             String status, Instant createdAt, Instant taggedAt, RunView dryRun, RunView evaluation,
                             String error) {

    /**
     * One evaluation. {@code log} and {@code error} are null where the viewer may not see them;
     * {@code queuePosition} (1 = next) only for a queued dry run, never for a hidden run, whose
     * place would time the runs ahead of it.
     */
    public record RunView(String status, Progress progress, ScoreReport metrics, String provider, String failureClass,
                          String error, String log, Instant queuedAt, Instant startedAt, Instant finishedAt,
                          Integer queuePosition) {
    }

    public record Progress(int done, int total) {
    }

    /** One evaluation's row, its latest result (null while unscored) and, for a queued dry run, its place. */
    record Run(Evaluation evaluation, Result result, Integer queuePosition) {
    }

    /** The view of {@code s} for a team ({@code organizer} false) or the organizer. */
    static SubmissionView of(Submission s, Run dryRunRow, Run hiddenRow, boolean organizer) {
        RunView dryRun = run(dryRunRow, true);
        RunView hidden = run(hiddenRow, organizer);
        RunView current = hidden != null ? hidden : dryRun;
        String error = null;
        if (current != null && "FAILED".equals(current.status())) {
            String phase = hidden != null ? "hidden evaluation" : "dry run";
            String label = label(current.failureClass());
            error = phase + " failed: " + (current.error() == null ? label
                    : current.error().startsWith(label) ? current.error() : label + ": " + current.error());
        }
        return new SubmissionView(s.id, s.team.name, s.modelName, s.kind.name(), s.sha256, s.sizeBytes,
                current == null ? "QUEUED" : current.status(), s.createdAt, s.taggedAt, dryRun, hidden, error);
    }

    private static RunView run(Run row, boolean full) {
        if (row == null) {
            return null;
        }
        Evaluation e = row.evaluation();
        ScoreReport metrics = row.result() == null ? null : row.result().report;
        return new RunView(e.status().name(), new Progress(e.progressDone, e.progressTotal), metrics, e.provider,
                e.failureClass, visibleReason(e.failureClass, e.error, full), full ? e.log : null, e.queuedAt, e.startedAt,
                e.finishedAt, e.phase == Phase.DRY_RUN ? row.queuePosition() : null);
    }

    /** A failure's reason as this viewer may see it: all of it, or for a team's hidden run only a public one. */
    static String visibleReason(String failureClass, String error, boolean full) {
        if (full) {
            return error;
        }
        try {
            return failureClass != null && FailureClass.valueOf(failureClass).reasonIsPublic() ? error : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
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

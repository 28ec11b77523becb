package org.muraarena.competition.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
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
                          Integer queuePosition, Compute compute,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<ExplanationView> explanations,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean reliable,
                          @JsonInclude(JsonInclude.Include.NON_NULL) ExplanationProgress explanationProgress)
            implements HiddenRun {
    }

    /**
     * One picked study of a dry run's explanations. The URLs need the same credentials as the
     * submission (a team's token or page session, or the organizer's); {@code overlayUrl} and
     * {@code mapUrl} are null for a container's gallery, which has no maps; {@code imageUrl} is the
     * plain radiograph.
     */
    public record ExplanationView(String study, String image, int label, double probability, boolean correct,
                                  String overlayUrl, String mapUrl, String imageUrl, int width, int height) {
        static ExplanationView of(long submissionId, ExplanationStore.Item item) {
            String base = "/submissions/" + submissionId + "/explanations/" + item.position() + "/";
            return new ExplanationView(item.study(), item.image(), item.label(), item.probability(), item.correct(),
                    item.hasMaps() ? base + "overlay.png" : null, item.hasMaps() ? base + "map.png" : null,
                    base + "image.png", item.width(), item.height());
        }
    }

    /**
     * Where a dry run's explanations stand: {@code state} RUNNING ({@code done} of {@code total}
     * batched forward passes), DONE or FAILED ({@code message} says why); the sanity check's
     * correlation between the map and the randomised model's.
     */
    public record ExplanationProgress(String state, int done, int total, Double correlation, String message) {
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

    /**
     * One evaluation's row, its latest result (null while unscored), for a queued dry run its place,
     * and a dry run's explanations (empty unless done).
     */
    record Run(Evaluation evaluation, Result result, Integer queuePosition, List<ExplanationStore.Item> explanations) {
    }

    /** The view of {@code s} for a team ({@code organizer} false) or the organizer. */
    static SubmissionView of(Submission s, Run dryRunRow, Run hiddenRow, boolean organizer) {
        RunView dryRun = run(dryRunRow, s.id);
        if (hiddenRow != null && !organizer) {
            HiddenView hidden = HiddenView.of(hiddenRow.evaluation(), s.taggedAt);
            String error = "FAILED".equals(hidden.status())
                    ? "hidden evaluation failed; its details stay with the organizers: the dry run is the place to debug" : null;
            return new SubmissionView(s.id, s.team.name, s.modelName, s.kind.name(), s.sha256, s.sizeBytes,
                    hidden.status(), s.createdAt, s.taggedAt, dryRun, hidden, error, null);
        }
        RunView hidden = run(hiddenRow, s.id);
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

    private static RunView run(Run row, long submissionId) {
        if (row == null) {
            return null;
        }
        Evaluation e = row.evaluation();
        ScoreReport metrics = row.result() == null ? null : row.result().report;
        boolean explained = e.phase == Phase.DRY_RUN && e.explainState != null;
        return new RunView(e.status().name(), new Progress(e.progressDone, e.progressTotal), metrics, e.provider,
                e.failureClass, e.error, e.log, e.queuedAt, e.startedAt,
                e.finishedAt, e.phase == Phase.DRY_RUN ? row.queuePosition() : null, e.compute(),
                explained ? row.explanations().stream().map(item -> ExplanationView.of(submissionId, item)).toList() : null,
                explained ? e.explainReliable : null,
                explained ? new ExplanationProgress(e.explainState, e.explainDone, e.explainTotal, e.explainCorrelation,
                        e.explainMessage) : null);
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

package org.muraarena.http.pages;

import java.util.List;
import org.muraarena.competition.submission.HiddenView;
import org.muraarena.competition.submission.SubmissionView;

/**
 * Everything the submission page shows. The organizer sees the hidden run in full
 * ({@link #hiddenRun}); its team only {@link #teamHidden} ({@link SubmissionView} decides which).
 *
 * @param hiddenScores the hidden run's full table for the organizer, the released best's rows for the team
 * @param roc the dry run's ROC curve on the sample studies, or null when it cannot be drawn
 * @param summary the dry run's confusion matrix, accuracy and kappa per type, or null before it is scored
 * @param taggable whether the dry run passed and the submission is not tagged yet
 */
public record SubmissionDetail(SubmissionView view, List<Scores> dryRunScores, List<Scores> hiddenScores, RocPlot roc,
                               DryRunSummary summary, boolean organizer, boolean taggable) {

    /** The hidden run in full (the organizer's view), or null. */
    public SubmissionView.RunView hiddenRun() {
        return view.evaluation() instanceof SubmissionView.RunView run ? run : null;
    }

    /** The hidden run as its team sees it, or null. */
    public HiddenView teamHidden() {
        return view.evaluation() instanceof HiddenView hidden ? hidden : null;
    }

    /** Whether anything is still queued or running: the page then refreshes itself. */
    public boolean live() {
        return ViewExtensions.live(view.dryRun()) || ViewExtensions.live(view.evaluation()) || explaining();
    }

    /** Whether the dry run's explanations are still being computed. */
    public boolean explaining() {
        return view.dryRun() != null && view.dryRun().explanationProgress() != null
                && "RUNNING".equals(view.dryRun().explanationProgress().state());
    }
}

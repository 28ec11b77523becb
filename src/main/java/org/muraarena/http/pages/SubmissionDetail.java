package org.muraarena.http.pages;

import java.util.List;
import org.muraarena.competition.submission.SubmissionView;

/**
 * Everything the submission page shows. The hidden run's log is in {@code view} only for the
 * organizer ({@link SubmissionView} leaves it out for teams).
 *
 * @param roc the dry run's ROC curve on the sample studies, or null when it cannot be drawn
 * @param taggable whether the dry run passed and the submission is not tagged yet
 */
public record SubmissionDetail(SubmissionView view, List<Scores> dryRunScores, List<Scores> hiddenScores, RocPlot roc,
                               boolean organizer, boolean taggable) {

    /** Whether anything is still queued or running: the page then refreshes itself. */
    public boolean live() {
        return ViewExtensions.live(view.dryRun()) || ViewExtensions.live(view.evaluation());
    }
}

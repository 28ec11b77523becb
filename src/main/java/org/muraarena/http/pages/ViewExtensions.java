package org.muraarena.http.pages;

import io.quarkus.qute.TemplateExtension;
import java.util.List;
import org.muraarena.competition.leaderboard.Leaderboard;
import org.muraarena.competition.submission.HiddenRun;
import org.muraarena.competition.submission.HiddenView;
import org.muraarena.competition.submission.SubmissionView;

/** Computed values the templates read off the domain's view records. */
@TemplateExtension
final class ViewExtensions {
    private ViewExtensions() {
    }

    /** A leaderboard row's seven per-type scores, in type order (its {@code by_type} is JSON). */
    static List<Scores> types(Leaderboard.Row row) {
        return Scores.kappas(row.byType());
    }

    static List<Scores> types(Leaderboard.Reference reference) {
        return Scores.byType(reference.byType());
    }

    /** A row's rank interval on the board's axis (teams and readers together), or null without statistics. */
    static RankBar bar(Leaderboard.Row row, Leaderboard board) {
        return RankBar.of(row.rankCi(), row.place(), row.group(), board.entries());
    }

    static RankBar bar(Leaderboard.Reference reference, Leaderboard board) {
        return RankBar.of(reference.rankCi(), reference.place(), reference.group(), board.entries());
    }

    /** The overall scores of a submission's hidden evaluation as the viewer may see them, or null. */
    static Scores hiddenScores(SubmissionView submission) {
        if (submission.evaluation() instanceof SubmissionView.RunView run) {
            return Scores.overall(run.metrics());
        }
        return submission.evaluation() instanceof HiddenView hidden && hidden.metrics() != null
                ? Scores.released(hidden.metrics()).get(0) : null;
    }

    /** Whether a run's image count is known yet, so that the page shows a bar rather than a guess. */
    static boolean known(SubmissionView.Progress progress) {
        return progress != null && progress.total() > 0;
    }

    /** Whether a run is still moving: the page refreshes itself while one is. */
    static boolean live(HiddenRun run) {
        return run != null && ("QUEUED".equals(run.status()) || "RUNNING".equals(run.status()));
    }
}

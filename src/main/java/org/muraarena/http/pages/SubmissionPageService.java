package org.muraarena.http.pages;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muraarena.competition.submission.HiddenRun;
import org.muraarena.competition.submission.HiddenView;
import org.muraarena.competition.submission.SubmissionView;
import org.muraarena.competition.submission.SubmissionViews;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.http.security.Caller;

/** Submissions for the pages: what {@link SubmissionViews} reads, laid out as tables and a ROC plot. */
@ApplicationScoped
public class SubmissionPageService {
    private final DatasetService dataset;
    private final SubmissionViews views;

    public SubmissionPageService(DatasetService dataset, SubmissionViews views) {
        this.dataset = dataset;
        this.views = views;
    }

    /** The caller's submissions, newest first; every team's for the organizer. */
    public List<SubmissionView> list(Caller caller) {
        return caller.organizer() ? views.all() : views.ofTeam(caller.team());
    }

    /** A submission the caller may see, or empty: another team's is treated as missing. */
    public Optional<SubmissionDetail> detail(Caller caller, long id) {
        Optional<SubmissionView> shown = caller.organizer() ? views.forOrganizer(id) : views.forTeam(caller.team(), id);
        return shown.map(view -> {
            boolean taggable = !caller.organizer() && view.taggedAt() == null && view.dryRun() != null
                    && "SUCCEEDED".equals(view.dryRun().status());
            return new SubmissionDetail(view,
                    view.dryRun() == null ? List.of() : Scores.table(view.dryRun().metrics()),
                    hiddenScores(view.evaluation()),
                    views.dryRunStudies(id).map(this::dryRunRoc).orElse(null), caller.organizer(), taggable);
        });
    }

    private static List<Scores> hiddenScores(HiddenRun hidden) {
        if (hidden instanceof SubmissionView.RunView run) {
            return Scores.table(run.metrics());
        }
        return hidden instanceof HiddenView team ? Scores.released(team.metrics()) : List.of();
    }

    /**
     * The dry run's ROC curve against the public sample labels. Never for the hidden run, whose
     * per-study output teams must not see.
     */
    private RocPlot dryRunRoc(Map<String, Double> studies) {
        return RocPlot.of(dataset.truth(Phase.DRY_RUN).contents().truth(), studies);
    }
}

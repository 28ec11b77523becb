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

/** Submissions for the pages: what {@link SubmissionViews} reads, laid out as tables, a ROC plot and the dry run's summary. */
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
            Optional<Map<String, Double>> studies = views.dryRunStudies(id);
            return new SubmissionDetail(view,
                    view.dryRun() == null ? List.of() : Scores.table(view.dryRun().metrics()),
                    hiddenScores(view.evaluation()), studies.map(this::dryRunRoc).orElse(null),
                    studies.map(s -> dryRunSummary(view, s)).orElse(null), caller.organizer(), taggable);
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

    /** The dry run's calls and kappa per type, from the same studies and labels as its ROC curve; never the hidden run's. */
    private DryRunSummary dryRunSummary(SubmissionView view, Map<String, Double> studies) {
        return view.dryRun() == null ? null
                : DryRunSummary.of(view.dryRun().metrics(), dataset.truth(Phase.DRY_RUN).contents().truth(), studies);
    }
}

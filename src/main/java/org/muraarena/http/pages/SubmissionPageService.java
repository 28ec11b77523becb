package org.muraarena.http.pages;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.muraarena.core.ApiException;
import org.muraarena.http.security.Caller;
import org.muraarena.dataset.DatasetService;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.core.Phase;
import org.muraarena.competition.submission.Result;
import org.muraarena.scoring.RocCurve;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.competition.submission.Submission;
import org.muraarena.competition.submission.SubmissionService;
import org.muraarena.competition.submission.SubmissionView;

/** Reads submissions for the pages, with the same ownership rule as the API. */
@ApplicationScoped
public class SubmissionPageService {
    private final DatasetService dataset;

    public SubmissionPageService(DatasetService dataset) {
        this.dataset = dataset;
    }

    /** The caller's submissions, newest first; every team's for the organizer. */
    public List<SubmissionView> list(Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> (caller.organizer()
                ? Submission.<Submission>list("order by createdAt desc, id desc")
                : Submission.<Submission>list("team.id = ?1 order by createdAt desc, id desc", caller.team().id))
                .stream().map(s -> SubmissionView.of(s, caller.organizer())).toList());
    }

    /** A submission the caller may see, or empty: another team's is treated as missing. */
    public Optional<SubmissionDetail> detail(Caller caller, long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Submission submission = visible(caller, id);
            if (submission == null) {
                return Optional.<SubmissionDetail>empty();
            }
            SubmissionView view = SubmissionView.of(submission, caller.organizer());
            boolean taggable = !caller.organizer() && submission.taggedAt == null && view.dryRun() != null
                    && "SUCCEEDED".equals(view.dryRun().status());
            return Optional.of(new SubmissionDetail(view,
                    view.dryRun() == null ? List.of() : Scores.table(view.dryRun().metrics()),
                    view.evaluation() == null ? List.of() : Scores.table(view.evaluation().metrics()),
                    dryRunRoc(submission), caller.organizer(), taggable));
        });
    }

    private static Submission visible(Caller caller, long id) {
        if (caller.organizer()) {
            return Submission.findById(id);
        }
        try {
            return SubmissionService.owned(caller.team(), id);
        } catch (ApiException notFound) {
            return null;
        }
    }

    /**
     * The dry run's ROC curve: its stored image predictions aggregated to studies as the
     * manifest says, against the public sample labels (the dry run's truth). Never for the
     * hidden run, whose per-study output teams must not see.
     */
    private RocPlot dryRunRoc(Submission submission) {
        Evaluation dryRun = SubmissionService.evaluation(submission, Phase.DRY_RUN);
        Result result = dryRun == null ? null : Result.latest(dryRun);
        if (result == null || result.predictions == null) {
            return null;
        }
        Map<String, Double> studies;
        try {
            studies = PredictionsCsv.parse(result.predictions, "the stored predictions", null)
                    .studyProbabilities(submission.parsedManifest().aggregation());
        } catch (BadInputException e) {
            return null; // the runner wrote them with the same codec: only a hand-edited row gets here
        }
        SortedMap<String, Scorer.Truth> truth = dataset.truth(Phase.DRY_RUN).contents().truth();
        List<Integer> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        truth.forEach((study, t) -> {
            Double p = studies.get(study);
            if (p != null) {
                labels.add(t.gold());
                scores.add(p);
            }
        });
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        List<RocCurve.Point> curve = RocCurve.points(labelArray, scores.stream().mapToDouble(Double::doubleValue).toArray());
        return RocPlot.of(curve, labelArray.length, (int) labels.stream().filter(l -> l == 1).count());
    }
}

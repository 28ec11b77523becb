package org.muraarena.competition.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.muraarena.competition.team.Team;
import org.muraarena.core.Phase;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.PredictionsCsv;

/**
 * Reads submissions as their viewers may see them, for the API and the pages alike: a team sees
 * its own (another team's is treated as missing), the organizer sees all, with hidden-run details.
 */
@ApplicationScoped
public class SubmissionViews {

    /** A team's submissions, newest first. */
    @Transactional
    public List<SubmissionView> ofTeam(Team team) {
        return Submission.newestFirst(team).stream().map(s -> view(s, false)).toList();
    }

    /** Every team's submissions, newest first, as the organizer sees them. */
    @Transactional
    public List<SubmissionView> all() {
        return Submission.allNewestFirst().stream().map(s -> view(s, true)).toList();
    }

    /** The team's own submission, or empty (another team's is not even said to exist). */
    @Transactional
    public Optional<SubmissionView> forTeam(Team team, long id) {
        Submission s = Submission.findById(id);
        return s == null || !s.team.id.equals(team.id) ? Optional.empty() : Optional.of(view(s, false));
    }

    /** Any submission, as the organizer sees it, or empty. */
    @Transactional
    public Optional<SubmissionView> forOrganizer(long id) {
        Submission s = Submission.findById(id);
        return s == null ? Optional.empty() : Optional.of(view(s, true));
    }

    /**
     * The dry run's study probabilities (its stored predictions aggregated as the manifest says),
     * or empty before it is scored. Never the hidden run's: teams must not see its per-study output.
     */
    @Transactional
    public Optional<Map<String, Double>> dryRunStudies(long submissionId) {
        Submission s = Submission.findById(submissionId);
        Evaluation dryRun = s == null ? null : SubmissionService.evaluation(s, Phase.DRY_RUN);
        Result result = dryRun == null ? null : Result.latest(dryRun);
        if (result == null || result.predictions == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PredictionsCsv.parse(result.predictions, "the stored predictions", null)
                    .studyProbabilities(s.parsedManifest().aggregation()));
        } catch (BadInputException e) {
            // The runner wrote them with the same codec: only a hand-edited row gets here.
            throw new IllegalStateException("stored predictions of submission " + submissionId + ": " + e.getMessage(), e);
        }
    }

    private static SubmissionView view(Submission s, boolean organizer) {
        return SubmissionView.of(s, run(s, Phase.DRY_RUN), run(s, Phase.HIDDEN), organizer);
    }

    private static SubmissionView.Run run(Submission s, Phase phase) {
        Evaluation e = SubmissionService.evaluation(s, phase);
        if (e == null) {
            return null;
        }
        boolean queuedDryRun = phase == Phase.DRY_RUN && e.status() == EvaluationStatus.QUEUED;
        return new SubmissionView.Run(e, Result.latest(e), queuedDryRun ? dryRunQueuePosition(e.id) : null,
                phase == Phase.DRY_RUN ? ExplanationStore.items(e) : List.of());
    }

    /**
     * A queued dry run's place (1 = next) in the dry-run order of EvaluationQueue: round robin over
     * teams, so the k-th waiting dry run of its team goes after the first k-1 of every team, and
     * after the k-th of teams served less recently. An estimate: hidden runs taking turns, a
     * team's one running dry run and workers' capabilities are left out.
     */
    private static int dryRunQueuePosition(long evaluationId) {
        Number ahead = (Number) Evaluation.getEntityManager().createNativeQuery("""
                with q as (
                  select e.id, e.queued_at, coalesce(t.last_dry_run_claim, '-infinity') as served,
                    row_number() over (partition by s.team_id order by e.queued_at, e.id) as k
                  from evaluation e join submission s on s.id = e.submission_id join team t on t.id = s.team_id
                  where e.status = 'QUEUED' and e.phase = 'DRY_RUN')
                select count(*) from q, q me
                where me.id = :id and q.id <> me.id
                  and (q.k < me.k or (q.k = me.k and (q.served, q.queued_at, q.id) < (me.served, me.queued_at, me.id)))""")
                .setParameter("id", evaluationId).getSingleResult();
        return 1 + ahead.intValue();
    }
}

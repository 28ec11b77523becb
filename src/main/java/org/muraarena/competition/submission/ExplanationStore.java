package org.muraarena.competition.submission;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.muraarena.sandbox.Explanations;

/**
 * A dry run's explanations in the database: the state on the evaluation's row (RUNNING from the
 * moment its metrics are recorded, then DONE or FAILED), progress while the sandbox computes
 * them, and the picked studies with their PNGs. Only a dry run ever has any.
 */
@ApplicationScoped
public class ExplanationStore {
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    /** Which PNG of an explanation. */
    public enum Picture { OVERLAY, MAP }

    /** One explanation as lists show it (no PNG bytes). */
    public record Item(int position, String study, String image, int label, double probability, boolean correct,
                       int width, int height, boolean hasMaps) {
    }

    private final EntityManager em;

    public ExplanationStore(EntityManager em) {
        this.em = em;
    }

    /** Marks the explanations as being computed (in the transaction that records the dry run's result). */
    public static void started(Evaluation evaluation) {
        evaluation.explainState = RUNNING;
        evaluation.explainDone = 0;
        evaluation.explainTotal = 0;
        evaluation.explainReliable = null;
        evaluation.explainCorrelation = null;
        evaluation.explainMessage = null;
    }

    /** Progress while they are computed; nothing once they ended (a late line of a finished step). */
    public void progress(long evaluationId, int done, int total) {
        QuarkusTransaction.requiringNew().run(() -> em.createQuery(
                        "update Evaluation set explainDone = ?1, explainTotal = ?2 where id = ?3 and explainState = ?4")
                .setParameter(1, done).setParameter(2, total).setParameter(3, evaluationId).setParameter(4, RUNNING)
                .executeUpdate());
    }

    /** Stores what the step produced, replacing anything an earlier attempt left. */
    public void finish(long evaluationId, Explanations explanations) {
        QuarkusTransaction.requiringNew().run(() -> {
            Evaluation evaluation = Evaluation.findById(evaluationId);
            if (evaluation == null || !RUNNING.equals(evaluation.explainState)) {
                return; // re-queued meanwhile, or given up on by the janitor
            }
            em.createQuery("delete from Explanation where evaluation.id = ?1").setParameter(1, evaluationId).executeUpdate();
            int position = 0;
            for (Explanations.Item item : explanations.items()) {
                Explanation e = new Explanation();
                e.evaluation = evaluation;
                e.position = ++position;
                e.study = item.pick().study();
                e.image = item.pick().image();
                e.label = item.pick().label();
                e.probability = item.pick().probability();
                e.correct = item.pick().correct();
                e.width = item.width();
                e.height = item.height();
                e.overlayPng = item.overlayPng();
                e.mapPng = item.mapPng();
                e.persist();
            }
            evaluation.explainState = explanations.state() == Explanations.State.DONE ? DONE : FAILED;
            evaluation.explainReliable = explanations.reliable();
            evaluation.explainCorrelation = explanations.correlation();
            evaluation.explainMessage = explanations.message();
            if (evaluation.explainState.equals(DONE)) {
                evaluation.explainDone = evaluation.explainTotal;
            }
        });
    }

    /** The explanations of a dry run whose step is DONE, in order; empty otherwise. */
    public static List<Item> items(Evaluation evaluation) {
        if (evaluation == null || !DONE.equals(evaluation.explainState)) {
            return List.of();
        }
        return Explanation.getEntityManager().createQuery("select new org.muraarena.competition.submission.ExplanationStore$Item(e.position, e.study,"
                        + " e.image, e.label, e.probability, e.correct, e.width, e.height,"
                        + " case when e.overlayPng is not null then true else false end)"
                        + " from Explanation e where e.evaluation.id = ?1 order by e.position", Item.class)
                .setParameter(1, evaluation.id).getResultList();
    }

    /** One explanation of a DONE step, for serving its image. */
    public static Optional<Item> item(Evaluation evaluation, int position) {
        return items(evaluation).stream().filter(i -> i.position() == position).findFirst();
    }

    /** One PNG of a DONE step's explanation (empty when there is none: a container's gallery). */
    public static Optional<byte[]> picture(Evaluation evaluation, int position, Picture picture) {
        if (evaluation == null || !DONE.equals(evaluation.explainState)) {
            return Optional.empty();
        }
        String column = picture == Picture.OVERLAY ? "e.overlayPng" : "e.mapPng";
        List<byte[]> rows = Explanation.getEntityManager().createQuery("select " + column + " from Explanation e where e.evaluation.id = ?1 and e.position = ?2",
                byte[].class).setParameter(1, evaluation.id).setParameter(2, position).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /**
     * Gives up on explanations still RUNNING for a run that started before {@code startedBefore}
     * (its sandbox's deadline has long passed: the worker stopped). Returns how many.
     */
    public int abandon(Instant startedBefore) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("update Evaluation set explainState = ?1,"
                        + " explainMessage = ?2 where explainState = ?3 and startedAt < ?4")
                .setParameter(1, FAILED).setParameter(2, "the worker stopped before the explanations were done")
                .setParameter(3, RUNNING).setParameter(4, startedBefore).executeUpdate());
    }
}

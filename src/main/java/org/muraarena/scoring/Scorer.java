package org.muraarena.scoring;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.muraarena.core.BodyPart;

/**
 * Scores study probabilities against gold labels, overall and per body part — the one definition
 * that every number on the leaderboard comes from. Pure: no I/O, no framework.
 */
public final class Scorer {
    /** A study is abnormal iff its probability is strictly above this. */
    public static final double THRESHOLD = 0.5;

    private final AurocBootstrap bootstrap;

    public Scorer(AurocBootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * Scores {@code probabilities} against {@code truth}, both keyed by study path, and scores each
     * non-gold reader of the truth the same way (its labels as probabilities 0 or 1). The sorted
     * map fixes the study order that the bootstrap resamples in.
     *
     * @throws IllegalArgumentException if a study of the truth has no probability
     */
    public ScoreReport score(SortedMap<String, Truth> truth, Map<String, Double> probabilities) {
        for (String study : truth.keySet()) {
            if (!probabilities.containsKey(study)) {
                throw new IllegalArgumentException("no prediction for study " + study);
            }
        }
        ScoreReport.ReaderScore predictions = scoreAs("predictions", truth, probabilities);
        int readers = truth.isEmpty() ? 0 : truth.values().iterator().next().references().length;
        List<ScoreReport.ReaderScore> references = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            int reader = r;
            Map<String, Double> labels = new HashMap<>();
            truth.forEach((study, t) -> labels.put(study, (double) t.references()[reader]));
            references.add(scoreAs("Radiologist " + (r + 1), truth, labels));
        }
        return new ScoreReport(predictions.overall(), predictions.byType(), references);
    }

    private ScoreReport.ReaderScore scoreAs(String name, SortedMap<String, Truth> truth, Map<String, Double> probabilities) {
        List<String> studies = new ArrayList<>(truth.keySet());
        Map<BodyPart, Metrics> byType = new EnumMap<>(BodyPart.class);
        for (BodyPart part : BodyPart.values()) {
            List<String> ofPart = studies.stream().filter(s -> truth.get(s).part() == part).toList();
            byType.put(part, group(ofPart, truth, probabilities));
        }
        return new ScoreReport.ReaderScore(name, group(studies, truth, probabilities), byType);
    }

    private Metrics group(List<String> studies, Map<String, Truth> truth, Map<String, Double> probabilities) {
        int[] labels = new int[studies.size()];
        double[] scores = new double[studies.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = truth.get(studies.get(i)).gold();
            scores[i] = probabilities.get(studies.get(i));
        }
        return Metrics.of(labels, scores, bootstrap);
    }

    /**
     * The gold label of one study, its body part, and the labels of the readers who are not part
     * of the gold standard (empty when the truth has none).
     */
    public record Truth(BodyPart part, int gold, int[] references) {
        public Truth(BodyPart part, int gold) {
            this(part, gold, new int[0]);
        }
    }

    /** The majority of an odd number of 0/1 votes. */
    public static int majority(int... votes) {
        if (votes.length % 2 == 0) {
            throw new IllegalArgumentException("a majority needs an odd number of readers, got " + votes.length);
        }
        int abnormal = 0;
        for (int vote : votes) {
            abnormal += vote;
        }
        return 2 * abnormal > votes.length ? 1 : 0;
    }
}

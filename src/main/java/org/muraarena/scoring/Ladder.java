package org.muraarena.scoring;

import java.util.Map;
import java.util.SortedMap;

/**
 * The parameter-free Ladder (Blum &amp; Hardt 2015) on kappa: whether a team's new hidden result
 * replaces its released best. It does when its kappa exceeds the best's by strictly more than one
 * standard error of the paired difference; the first result of a team always does. So a team
 * learns one bit per result, not a new number, unless it truly improved.
 *
 * <p>The standard error comes from a study-level bootstrap: studies in path order (the truth's
 * order), each replicate draws n indices from {@link SplitMix64} seeded afresh per decision, and
 * both submissions are scored on the same resampled studies. It is the sample standard deviation
 * (n − 1 in the denominator, numpy's {@code ddof=1}) of kappa(candidate) − kappa(best) over the
 * replicates. A replicate in which either kappa is undefined (p_e = 1: the drawn studies are all
 * of one class and so are that model's predictions for them) has no difference: it is skipped,
 * not redrawn, so {@link Decision#replicates()} counts the replicates the standard error rests on.
 */
public record Ladder(int replicates, long seed) {
    /** Fewer replicates give a standard error too noisy to decide on. */
    public static final int MIN_REPLICATES = 200;
    /** The product's defaults: 1,000 replicates; the seed is the AUROC bootstrap's, 1712. */
    public static final Ladder DEFAULT = new Ladder(1000, 1712);

    public Ladder {
        if (replicates < MIN_REPLICATES) {
            throw new IllegalArgumentException(
                    "the Ladder needs at least " + MIN_REPLICATES + " bootstrap replicates, got " + replicates);
        }
    }

    /**
     * One decision. {@code kappaBest}, {@code difference} and {@code standardError} are null for a
     * team's first result (there is no best to compare with; {@code replicates} is then 0).
     */
    public record Decision(
            boolean improved,
            Double kappaBest,
            double kappaCandidate,
            Double difference,
            Double standardError,
            int replicates) {
    }

    /**
     * Decides whether {@code candidate} replaces {@code best}.
     *
     * @param truth the hidden gold labels by study path; must hold both classes
     * @param best the released best's study probabilities, or null when the team has none yet
     * @param candidate the new result's study probabilities
     * @throws IllegalArgumentException if the truth lacks a class or a study has no probability
     */
    public Decision decide(SortedMap<String, Scorer.Truth> truth, Map<String, Double> best, Map<String, Double> candidate) {
        int[] gold = truth.values().stream().mapToInt(Scorer.Truth::gold).toArray();
        int abnormal = java.util.Arrays.stream(gold).sum();
        if (abnormal == 0 || abnormal == gold.length) {
            // Against one class kappa is 0 or undefined for every model: nothing to rank by.
            throw new IllegalArgumentException("the Ladder needs both normal and abnormal studies in the truth");
        }
        int[] predictedCandidate = predicted(truth, candidate, "candidate");
        // With both classes in the gold labels p_e < 1, so the full-set kappas are defined.
        double kappaCandidate = Kappa.of(ConfusionMatrix.of(gold, predictedCandidate)).kappa();
        if (best == null) {
            return new Decision(true, null, kappaCandidate, null, null, 0);
        }
        int[] predictedBest = predicted(truth, best, "best");
        double kappaBest = Kappa.of(ConfusionMatrix.of(gold, predictedBest)).kappa();
        double difference = kappaCandidate - kappaBest;
        double[] differences = PairedKappaBootstrap.differences(gold, predictedBest, predictedCandidate, replicates, seed);
        if (differences.length < 2) {
            // Each replicate is undefined with probability at most 1/2 when the truth holds both
            // classes, so fewer than 2 defined ones out of 200 or more do not happen (< 1e-57).
            throw new IllegalStateException("only " + differences.length + " defined bootstrap replicates");
        }
        double standardError = sampleStandardDeviation(differences);
        return new Decision(difference > standardError, kappaBest, kappaCandidate, difference, standardError,
                differences.length);
    }

    /** Predicted labels in the truth's study order: abnormal iff p > {@link Scorer#THRESHOLD}. */
    private static int[] predicted(SortedMap<String, Scorer.Truth> truth, Map<String, Double> probabilities, String which) {
        int[] labels = new int[truth.size()];
        int i = 0;
        for (String study : truth.keySet()) {
            Double p = probabilities.get(study);
            if (p == null) {
                throw new IllegalArgumentException("no " + which + " prediction for study " + study);
            }
            labels[i++] = p > Scorer.THRESHOLD ? 1 : 0;
        }
        return labels;
    }

    /** The standard deviation with n − 1 in the denominator, two-pass like numpy's {@code std(ddof=1)}. */
    static double sampleStandardDeviation(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }
}

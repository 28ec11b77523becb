package org.muraarena.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How far a leaderboard's order can be trusted, the way challengeR reports it offline (Wiesenfarth
 * et al. 2021), computed for the live board: each row's bootstrap rank interval, the p-value that it
 * beats the next row, groups of rows that cannot be told apart, and Kendall's τ stability of the
 * whole ranking. Rows are anything with predicted labels on the hidden studies: models and the
 * reference radiologists alike, so an interval says whether a model is distinguishable from a reader.
 *
 * <ul>
 *   <li><b>Resampling.</b> A study-level paired bootstrap: each replicate draws n study indices with
 *       replacement from one {@link SplitMix64} stream (seeded once per computation, replicates in
 *       turn, as {@link PairedKappaBootstrap} and {@link Ladder} draw), and every row is scored on the
 *       same drawn studies. A replicate whose drawn studies are all of one gold class is skipped for
 *       everything, not redrawn: there every row's kappa is undefined (p_e = 1) or 0, which says
 *       nothing about the order. With both classes drawn every kappa is defined, so which replicates
 *       count never depends on the rows. {@link Result#replicates()} counts those kept.
 *   <li><b>Kappa.</b> Cohen's kappa as {@link Kappa} computes it, compared exactly as a ratio of
 *       integers (see {@link ResampledKappas}): rows with mathematically equal kappas tie.
 *   <li><b>Rank.</b> In a replicate, 1 + the number of rows with strictly greater kappa: ties share
 *       the best rank (1, 1, 3), as the board's own ranks do and as challengeR's default
 *       {@code ties.method = "min"} does. The full-data ranking uses the same rule.
 *   <li><b>Rank interval.</b> The 2.5th and 97.5th percentiles of a row's ranks over the kept
 *       replicates, interpolated linearly as {@code numpy.percentile} does by default.
 *   <li><b>p vs next.</b> The fraction of kept replicates in which kappa(row) − kappa(next row) ≤ 0
 *       (no +1 correction, so it can be 0); null for the last row. One-sided: it is small when the
 *       row is ahead of the next in nearly every resample.
 *   <li><b>Groups.</b> 1-based; the next row joins a row's group while p vs next ≥ alpha, so a
 *       group is a run of neighbours that cannot be separated at alpha.
 *   <li><b>Stability.</b> Kendall's tau-b ({@code scipy.stats.kendalltau}'s default) between the
 *       full-data ranking and each replicate's ranking; the median and the 2.5th/97.5th percentiles
 *       (linear) over the replicates where tau-b is defined. It is undefined where a ranking is one
 *       tie, so {@link Result#tau()} is null with fewer than two rows, when every row ties on the
 *       full data, or when every kept replicate ties them all.
 * </ul>
 *
 * Golden vectors: src/test/golden/make_rank_golden.py (numpy, scipy, exact fractions).
 */
public final class RankStatistics {
    /** Below this the 2.5/97.5 percentiles rest on a handful of draws. */
    public static final int MIN_REPLICATES = 100;
    /** The product's defaults: 1,000 replicates, the bootstrap seed 1712 used throughout, α = 0.05. */
    public static final RankStatistics DEFAULT = new RankStatistics(1000, 1712, 0.05);

    private final int replicates;
    private final long seed;
    private final double alpha;

    public RankStatistics(int replicates, long seed, double alpha) {
        if (replicates < MIN_REPLICATES) {
            throw new IllegalArgumentException(
                    "rank statistics need at least " + MIN_REPLICATES + " bootstrap replicates, got " + replicates);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie strictly between 0 and 1, got " + alpha);
        }
        this.replicates = replicates;
        this.seed = seed;
        this.alpha = alpha;
    }

    /** The statistics of one board; {@code replicates} is the number of kept replicates. */
    public record Result(List<Row> rows, Tau tau, int replicates) {
        public Result {
            rows = List.copyOf(rows);
        }
    }

    /**
     * One row's statistics. rankLo/rankHi: 2.5 and 97.5 percentiles of the row's bootstrap rank
     * (1 = best); pVsNext: one-sided paired bootstrap p-value that this row's kappa exceeds the next
     * row's (null for the last); group: 1-based, consecutive rows share a group while they cannot be
     * separated at alpha (pVsNext ≥ alpha).
     */
    public record Row(double rankLo, double rankHi, Double pVsNext, int group) {
    }

    /** Kendall's tau-b between the full-data ranking and each bootstrap ranking: median and 2.5/97.5 percentiles. */
    public record Tau(double median, double lo, double hi) {
    }

    public int replicates() {
        return replicates;
    }

    public long seed() {
        return seed;
    }

    public double alpha() {
        return alpha;
    }

    /**
     * The statistics of a board.
     *
     * @param gold gold[i] in {0,1} per hidden study; both classes must occur
     * @param labels labels[r][i] in {0,1}: row r's predicted label of study i (a model's thresholded
     *     study probability, or a radiologist's label). Rows in board order (best first by full-data
     *     kappa; ties in any order)
     * @throws IllegalArgumentException on no rows, no studies, one gold class, ragged rows or a label
     *     other than 0 or 1
     */
    public Result compute(int[] gold, int[][] labels) {
        validate(gold, labels);
        int rows = labels.length;
        ResampledKappas kappas = new ResampledKappas(gold, labels);
        kappas.scoreAll();
        KendallTau stability = new KendallTau(kappas.ranks().clone());

        double[][] ranks = new double[rows][replicates];
        int[] notAhead = new int[Math.max(0, rows - 1)];
        double[] taus = new double[replicates];
        int kept = 0;
        int tausKept = 0;
        SplitMix64 random = new SplitMix64(seed);
        for (int b = 0; b < replicates; b++) {
            if (!kappas.scoreResample(random)) {
                continue;
            }
            int[] rank = kappas.ranks();
            for (int r = 0; r < rows; r++) {
                ranks[r][kept] = rank[r];
            }
            for (int r = 0; r + 1 < rows; r++) {
                if (kappas.compare(r, r + 1) <= 0) {
                    notAhead[r]++;
                }
            }
            double tau = stability.against(rank);
            if (!Double.isNaN(tau)) {
                taus[tausKept++] = tau;
            }
            kept++;
        }
        if (kept == 0) {
            // A resample is one-class with probability at most 1/2 when the truth holds both
            // classes, so this needs at least 100 unlucky draws in a row (< 1e-30).
            throw new IllegalStateException("no bootstrap replicate drew both classes of studies");
        }
        return new Result(rows(ranks, notAhead, kept), tau(taus, tausKept), kept);
    }

    private List<Row> rows(double[][] ranks, int[] notAhead, int kept) {
        List<Row> result = new ArrayList<>();
        int group = 1;
        for (int r = 0; r < ranks.length; r++) {
            double[] sorted = Arrays.copyOf(ranks[r], kept);
            Arrays.sort(sorted);
            Double pVsNext = r + 1 < ranks.length ? (double) notAhead[r] / kept : null;
            result.add(new Row(AurocBootstrap.percentile(sorted, 2.5), AurocBootstrap.percentile(sorted, 97.5),
                    pVsNext, group));
            if (pVsNext != null && pVsNext < alpha) {
                group++;
            }
        }
        return result;
    }

    private static Tau tau(double[] taus, int count) {
        if (count == 0) {
            return null;
        }
        double[] sorted = Arrays.copyOf(taus, count);
        Arrays.sort(sorted);
        return new Tau(AurocBootstrap.percentile(sorted, 50), AurocBootstrap.percentile(sorted, 2.5),
                AurocBootstrap.percentile(sorted, 97.5));
    }

    private static void validate(int[] gold, int[][] labels) {
        if (gold == null || gold.length == 0) {
            throw new IllegalArgumentException("no hidden studies: gold labels are empty");
        }
        if (gold.length > ResampledKappas.MAX_STUDIES) {
            throw new IllegalArgumentException(
                    "at most " + ResampledKappas.MAX_STUDIES + " studies, got " + gold.length);
        }
        int abnormal = 0;
        for (int i = 0; i < gold.length; i++) {
            checkLabel(gold[i], "gold label of study " + i);
            abnormal += gold[i];
        }
        if (abnormal == 0 || abnormal == gold.length) {
            throw new IllegalArgumentException(
                    "the gold labels must hold both normal and abnormal studies: kappa cannot rank rows otherwise");
        }
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("no rows to rank");
        }
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] == null || labels[r].length != gold.length) {
                throw new IllegalArgumentException("row " + r + " has " + (labels[r] == null ? "no" : labels[r].length)
                        + " labels, expected " + gold.length + " (one per hidden study)");
            }
            for (int i = 0; i < gold.length; i++) {
                checkLabel(labels[r][i], "row " + r + "'s label of study " + i);
            }
        }
    }

    private static void checkLabel(int label, String what) {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException(what + " is " + label + "; labels must be 0 or 1");
        }
    }
}

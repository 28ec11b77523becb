package org.muraarena.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * PLACEHOLDER (branch {@code board}): the real rank statistics (paired study-level bootstrap rank
 * intervals, one-sided p-values between neighbours, groups, Kendall's tau stability) come from
 * branch {@code stats}, whose file replaces this one at the merge. Same API; this body only gives
 * each row its own board position, so that the wiring around it can be built and tested.
 */
public final class RankStatistics {
    public static final RankStatistics DEFAULT = new RankStatistics(1000, 1712L, 0.05);

    private final int replicates;

    public RankStatistics(int replicates, long seed, double alpha) {
        this.replicates = replicates;
    }

    /** gold[i] in {0,1}; labels[r][i] in {0,1} (model: study probability >= 0.5; radiologist: label); rows in board order (best first). */
    public Result compute(int[] gold, int[][] labels) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < labels.length; r++) {
            rows.add(new Row(r + 1, r + 1, r == labels.length - 1 ? null : 0.5, r + 1));
        }
        return new Result(rows, new Tau(1, 1, 1), replicates);
    }

    public record Result(List<Row> rows, Tau tau, int replicates) {
    }

    public record Row(double rankLo, double rankHi, Double pVsNext, int group) {
    }

    public record Tau(double median, double lo, double hi) {
    }
}

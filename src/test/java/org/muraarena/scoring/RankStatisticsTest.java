package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankStatisticsTest {
    private static final int STUDIES = 207;

    @Test
    void nearIdenticalModelsShareAGroupAndAClearlyBetterOneSeparates() {
        SplittableRandom random = new SplittableRandom(42);
        int[] gold = gold(random);
        double[] base = probabilities(random, gold, 0.35);
        base[0] = 0.50005; // within 1e-4 of the threshold: the three copies disagree on this study
        List<int[]> rows = new ArrayList<>();
        int[][] near = {thresholded(base, 0), thresholded(base, 1e-4), thresholded(base, -1e-4)};
        rows.addAll(List.of(near));
        int[] better = gold.clone();
        for (int i = 0; i < STUDIES; i += 40) {
            better[i] = 1 - better[i]; // about 2% wrong
        }
        rows.add(better);
        for (double noise : new double[] {0.3, 0.4, 0.45, 0.5}) {
            rows.add(thresholded(probabilities(random, gold, noise), 0));
        }
        int[][] board = boardOrder(gold, rows);

        RankStatistics.Result result = RankStatistics.DEFAULT.compute(gold, board);

        List<RankStatistics.Row> stats = result.rows();
        assertTrue(board[0] == better, "the clearly better model leads the board");
        RankStatistics.Row best = stats.get(0);
        assertTrue(best.pVsNext() < 0.05, "p vs next " + best.pVsNext());
        for (int r = 1; r < stats.size(); r++) {
            assertTrue(stats.get(r).group() > best.group(), "row " + r + " is not in the best's group");
            assertTrue(best.rankHi() < stats.get(r).rankLo(), "the best's interval excludes row " + r + "'s");
        }
        List<Integer> nearRows = new ArrayList<>();
        for (int r = 0; r < board.length; r++) {
            for (int[] copy : near) {
                if (board[r] == copy) {
                    nearRows.add(r);
                }
            }
        }
        assertEquals(3, nearRows.size());
        for (int a : nearRows) {
            for (int b : nearRows) {
                RankStatistics.Row x = stats.get(a);
                RankStatistics.Row y = stats.get(b);
                assertEquals(x.group(), y.group(), "near-identical rows " + a + " and " + b + " share a group");
                assertTrue(x.rankLo() <= y.rankHi() && y.rankLo() <= x.rankHi(),
                        "rank intervals of rows " + a + " and " + b + " overlap");
            }
        }
        assertTrue(result.replicates() == 1000, "no 207-study resample holds one class only");
    }

    @Test
    void identicalRowsTieInEveryReplicateAndLeaveTauUndefined() {
        SplittableRandom random = new SplittableRandom(5);
        int[] gold = gold(random);
        int[] labels = thresholded(probabilities(random, gold, 0.4), 0);

        RankStatistics.Result result = new RankStatistics(200, 3, 0.05).compute(gold, new int[][] {labels, labels, labels});

        for (RankStatistics.Row row : result.rows()) {
            assertEquals(new RankStatistics.Row(1, 1, row.pVsNext(), 1), row);
        }
        assertEquals(1.0, result.rows().get(0).pVsNext());
        assertNull(result.rows().get(2).pVsNext(), "no next row after the last");
        assertNull(result.tau(), "tau-b is undefined when every row ties");
    }

    @Test
    void oneRowHasRankOneAndNoTau() {
        SplittableRandom random = new SplittableRandom(6);
        int[] gold = gold(random);
        RankStatistics.Result result = RankStatistics.DEFAULT.compute(gold, new int[][] {gold});
        assertEquals(List.of(new RankStatistics.Row(1, 1, null, 1)), result.rows());
        assertNull(result.tau());
    }

    @Test
    void wellSeparatedRowsGiveAStableRanking() {
        SplittableRandom random = new SplittableRandom(8);
        int[] gold = gold(random);
        List<int[]> rows = new ArrayList<>();
        for (int errors : new int[] {0, 30, 60, 90}) {
            int[] labels = gold.clone();
            for (int i = 0; i < errors; i++) {
                labels[i] = 1 - labels[i];
            }
            rows.add(labels);
        }
        RankStatistics.Result result = RankStatistics.DEFAULT.compute(gold, boardOrder(gold, rows));
        assertEquals(new RankStatistics.Tau(1, 1, 1), result.tau());
        assertEquals(List.of(1, 2, 3, 4), result.rows().stream().map(RankStatistics.Row::group).toList());
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        int[] gold = {0, 1, 1, 0};
        assertRefused("row 1 has 3 labels, expected 4 (one per hidden study)", gold, new int[][] {{0, 1, 1, 0}, {0, 1, 1}});
        assertRefused("row 0's label of study 2 is 2; labels must be 0 or 1", gold, new int[][] {{0, 1, 2, 0}});
        assertRefused("row 0 has no labels, expected 4 (one per hidden study)", gold, new int[][] {null});
        assertRefused("no rows to rank", gold, new int[0][]);
        assertRefused("no rows to rank", gold, null);
        assertRefused("no hidden studies: gold labels are empty", new int[0], new int[][] {{}});
        assertRefused("gold label of study 0 is -1; labels must be 0 or 1", new int[] {-1, 1}, new int[][] {{0, 1}});
        assertRefused("the gold labels must hold both normal and abnormal studies: kappa cannot rank rows otherwise",
                new int[] {1, 1, 1}, new int[][] {{1, 1, 0}});
        assertEquals("rank statistics need at least 100 bootstrap replicates, got 99",
                assertThrows(IllegalArgumentException.class, () -> new RankStatistics(99, 1, 0.05)).getMessage());
        assertEquals("alpha must lie strictly between 0 and 1, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new RankStatistics(100, 1, Double.NaN)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RankStatistics(100, 1, 1));
    }

    private static void assertRefused(String message, int[] gold, int[][] labels) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankStatistics.DEFAULT.compute(gold, labels));
        assertEquals(message, e.getMessage());
    }

    static int[] gold(SplittableRandom random) {
        int[] gold = new int[STUDIES];
        for (int i = 0; i < STUDIES; i++) {
            gold[i] = random.nextDouble() < 0.4 ? 1 : 0;
        }
        return gold;
    }

    /** A model's study probabilities: the label's side of 0.5, blurred by uniform noise of ± noise·2. */
    static double[] probabilities(SplittableRandom random, int[] gold, double noise) {
        double[] p = new double[gold.length];
        for (int i = 0; i < gold.length; i++) {
            double centre = gold[i] == 1 ? 0.7 : 0.3;
            p[i] = Math.min(1, Math.max(0, centre + noise * 2 * (random.nextDouble() - 0.5)));
        }
        return p;
    }

    static int[] thresholded(double[] probabilities, double shift) {
        int[] labels = new int[probabilities.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = probabilities[i] + shift > Scorer.THRESHOLD ? 1 : 0;
        }
        return labels;
    }

    /** Rows best first by full-data kappa, as the board orders them. */
    static int[][] boardOrder(int[] gold, List<int[]> rows) {
        return rows.stream()
                .sorted(Comparator.comparingDouble((int[] row) -> -Kappa.of(ConfusionMatrix.of(gold, row)).kappa()))
                .toArray(int[][]::new);
    }
}

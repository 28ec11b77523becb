package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KendallTauTest {
    @Test
    void matchesThePairwiseDefinitionOnRankingsWithAndWithoutTies() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 400; trial++) {
            int m = 2 + random.nextInt(trial < 200 ? 12 : 300);
            int distinct = 1 + random.nextInt(m); // few distinct values: many ties
            int[] x = competitionRanks(random, m, distinct);
            KendallTau tau = new KendallTau(x);
            for (int k = 0; k < 3; k++) {
                int[] y = competitionRanks(random, m, 1 + random.nextInt(m));
                double expected = pairwise(x, y);
                double actual = tau.against(y);
                if (Double.isNaN(expected)) {
                    assertTrue(Double.isNaN(actual), "NaN expected for m=" + m);
                } else {
                    assertEquals(expected, actual, 1e-12, "m=" + m);
                }
            }
        }
    }

    @Test
    void identicalAndReversedRankingsGivePlusAndMinusOne() {
        KendallTau tau = new KendallTau(new int[] {1, 2, 2, 4});
        assertEquals(1.0, tau.against(new int[] {1, 2, 2, 4}), 1e-15);
        assertEquals(-1.0, tau.against(new int[] {4, 2, 2, 1}), 1e-15);
        assertTrue(Double.isNaN(tau.against(new int[] {1, 1, 1, 1})), "one tie: undefined");
        assertTrue(Double.isNaN(new KendallTau(new int[] {1}).against(new int[] {1})), "one row: undefined");
    }

    /** Tau-b straight from its definition, pair by pair. */
    private static double pairwise(int[] x, int[] y) {
        long s = 0, pairs = 0, xTies = 0, yTies = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                pairs++;
                s += Integer.signum(x[i] - x[j]) * Integer.signum(y[i] - y[j]);
                xTies += x[i] == x[j] ? 1 : 0;
                yTies += y[i] == y[j] ? 1 : 0;
            }
        }
        if (xTies == pairs || yTies == pairs) {
            return Double.NaN;
        }
        return s / Math.sqrt((double) (pairs - xTies) * (pairs - yTies));
    }

    /** Ranks "1, 1, 3" of random scores drawn from {@code distinct} values. */
    private static int[] competitionRanks(SplittableRandom random, int m, int distinct) {
        int[] score = new int[m];
        for (int i = 0; i < m; i++) {
            score[i] = random.nextInt(distinct);
        }
        int[] rank = new int[m];
        for (int i = 0; i < m; i++) {
            rank[i] = 1;
            for (int j = 0; j < m; j++) {
                rank[i] += score[j] > score[i] ? 1 : 0;
            }
        }
        return rank;
    }
}

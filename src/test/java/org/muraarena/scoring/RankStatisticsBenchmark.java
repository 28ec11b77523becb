package org.muraarena.scoring;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Benchmark, not a test: {@link RankStatistics#DEFAULT} (1,000 replicates) on 207 studies (MURA's
 * hidden test size) for boards of 100 and 1,000 rows of mixed quality, warm; prints the median
 * time per board and the replicates per second. Run after {@code ./mvnw test-compile}:
 * {@code java -cp target/classes:target/test-classes org.muraarena.scoring.RankStatisticsBenchmark [rounds]}
 */
public final class RankStatisticsBenchmark {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        SplittableRandom random = new SplittableRandom(7);
        int[] gold = RankStatisticsTest.gold(random);
        for (int rows : new int[] {100, 1000}) {
            int[][] labels = new int[rows][];
            for (int r = 0; r < rows; r++) {
                labels[r] = RankStatisticsTest.thresholded(
                        RankStatisticsTest.probabilities(random, gold, 0.3 + 0.4 * random.nextDouble()), 0);
            }
            labels = RankStatisticsTest.boardOrder(gold, Arrays.asList(labels));
            RankStatistics.Result result = null;
            for (int warm = 0; warm < 3; warm++) {
                result = RankStatistics.DEFAULT.compute(gold, labels);
            }
            long[] times = new long[rounds];
            for (int k = 0; k < rounds; k++) {
                long start = System.nanoTime();
                result = RankStatistics.DEFAULT.compute(gold, labels);
                times[k] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            double median = times[rounds / 2] / 1e9;
            System.out.printf("RankStatistics %4d rows x 207 studies x %d replicates: median %.3f s (min %.3f, max %.3f; %d rounds)"
                            + " = %.0f replicates/s; tau %s%n",
                    rows, result.replicates(), median, times[0] / 1e9, times[rounds - 1] / 1e9, rounds,
                    result.replicates() / median, result.tau());
        }
    }
}

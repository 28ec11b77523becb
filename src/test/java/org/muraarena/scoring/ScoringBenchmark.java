package org.muraarena.scoring;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.muraarena.core.BodyPart;

/**
 * Benchmark, not a test: scores 1,199 studies (MURA's validation size) with the default
 * 2,000-replicate bootstrap for overall and every type, warm, and prints the median time.
 * Run after {@code ./mvnw test-compile}:
 * {@code java -cp target/classes:target/test-classes org.muraarena.scoring.ScoringBenchmark}
 */
public final class ScoringBenchmark {
    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(7);
        SortedMap<String, Scorer.Truth> truth = new TreeMap<>();
        Map<String, Double> probabilities = new HashMap<>();
        BodyPart[] parts = BodyPart.values();
        for (int i = 0; i < 1199; i++) {
            String study = String.format("MURA-v1.1/valid/%s/patient%05d/study1/", parts[i % parts.length], i);
            int label = random.nextDouble() < 0.45 ? 1 : 0;
            truth.put(study, new Scorer.Truth(parts[i % parts.length], label));
            probabilities.put(study, Math.min(1, Math.max(0, 0.35 * label + 0.65 * random.nextDouble())));
        }
        Scorer scorer = new Scorer(AurocBootstrap.DEFAULT);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long[] times = new long[rounds];
        double sink = 0;
        for (int warm = 0; warm < 10; warm++) {
            sink += scorer.score(truth, probabilities).overall().auroc();
        }
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            sink += scorer.score(truth, probabilities).overall().aurocCi()[0];
            times[r] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        System.out.printf("score 1199 studies, 2000 bootstrap replicates x 8 groups: median %.1f ms, min %.1f ms, max %.1f ms (%d rounds; %s)%n",
                times[rounds / 2] / 1e6, times[0] / 1e6, times[rounds - 1] / 1e6, rounds, sink > 0 ? "ok" : "?");
    }
}

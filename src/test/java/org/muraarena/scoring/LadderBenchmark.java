package org.muraarena.scoring;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.muraarena.core.BodyPart;

/**
 * Benchmark, not a test: one Ladder decision on 207 studies (MURA's hidden test size) with the
 * default 1,000 replicates, warm, and prints the median time. Run after {@code ./mvnw test-compile}:
 * {@code java -cp target/classes:target/test-classes org.muraarena.scoring.LadderBenchmark}
 */
public final class LadderBenchmark {
    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(7);
        SortedMap<String, Scorer.Truth> truth = new TreeMap<>();
        Map<String, Double> best = new HashMap<>();
        Map<String, Double> candidate = new HashMap<>();
        BodyPart[] parts = BodyPart.values();
        for (int i = 0; i < 207; i++) {
            String study = String.format("MURA-v1.1/valid/%s/patient%05d/study1/", parts[i % parts.length], i);
            int label = random.nextDouble() < 0.4 ? 1 : 0;
            truth.put(study, new Scorer.Truth(parts[i % parts.length], label));
            best.put(study, Math.min(1, Math.max(0, 0.3 * label + 0.7 * random.nextDouble())));
            candidate.put(study, Math.min(1, Math.max(0, 0.4 * label + 0.6 * random.nextDouble())));
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long[] times = new long[rounds];
        Ladder.Decision decision = null;
        for (int warm = 0; warm < 20; warm++) {
            decision = Ladder.DEFAULT.decide(truth, best, candidate);
        }
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            decision = Ladder.DEFAULT.decide(truth, best, candidate);
            times[r] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        System.out.printf("Ladder on 207 studies, 1000 replicates: median %.2f ms, min %.2f ms, max %.2f ms (%d rounds; %s)%n",
                times[rounds / 2] / 1e6, times[0] / 1e6, times[rounds - 1] / 1e6, rounds, decision);
    }
}

package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.muraarena.core.BodyPart;

/** What the Ladder releases; the exact numbers are checked against numpy in {@link LadderGoldenTest}. */
class LadderTest {
    private static final Ladder LADDER = Ladder.DEFAULT;

    private final SplittableRandom random = new SplittableRandom(9);
    private final SortedMap<String, Scorer.Truth> truth = truth(207);
    private final Map<String, Double> best = model(1.0);

    @Test
    void theFirstResultIsAlwaysReleased() {
        Map<String, Double> inverted = new HashMap<>();
        truth.forEach((study, t) -> inverted.put(study, t.gold() == 1 ? 0.2 : 0.8));

        Ladder.Decision decision = LADDER.decide(truth, null, inverted);

        assertTrue(decision.improved());
        assertTrue(decision.kappaCandidate() < 0, decision::toString);
        assertNull(decision.kappaBest());
        assertNull(decision.difference());
        assertNull(decision.standardError());
        assertEquals(0, decision.replicates());
    }

    @Test
    void aPerturbedCopyOfTheBestIsNotReleased() {
        Map<String, Double> perturbed = new HashMap<>();
        best.forEach((study, p) -> perturbed.put(study, p + (random.nextDouble() - 0.5) * 2e-6));

        Ladder.Decision decision = LADDER.decide(truth, best, perturbed);

        assertFalse(decision.improved());
        assertEquals(0.0, decision.difference());
        assertEquals(1000, decision.replicates());
    }

    @Test
    void aClearlyBetterModelIsReleased() {
        Ladder.Decision decision = LADDER.decide(truth, best, model(0.3));

        assertTrue(decision.improved());
        assertTrue(decision.difference() > 3 * decision.standardError(), decision::toString);
    }

    @Test
    void aWorseModelIsNotReleased() {
        Ladder.Decision decision = LADDER.decide(truth, best, model(3.0));

        assertFalse(decision.improved());
        assertTrue(decision.difference() < 0, decision::toString);
    }

    @Test
    void identicalPredictionsHaveNoSpreadSinceBothAreResampledTogetherAndAreNotReleased() {
        Ladder.Decision decision = LADDER.decide(truth, best, new HashMap<>(best));

        assertEquals(0.0, decision.standardError());
        assertFalse(decision.improved(), "the gain must exceed the standard error strictly");
    }

    @Test
    void aProbabilityOfExactlyOneHalfCountsAsNormal() {
        Map<String, Double> atHalf = new HashMap<>(best);
        best.forEach((study, p) -> {
            if (p <= 0.5) {
                atHalf.put(study, 0.5);
            }
        });

        Ladder.Decision decision = LADDER.decide(truth, best, atHalf);

        assertEquals(0.0, decision.difference());
        assertEquals(0.0, decision.standardError());
    }

    @Test
    void replicatesWithAnUndefinedKappaAreSkippedAndNotCounted() {
        // One abnormal study of four, every normal one predicted normal by both: a resample
        // without the abnormal study has p_e = 1.
        SortedMap<String, Scorer.Truth> tiny = new TreeMap<>();
        Map<String, Double> missesIt = new HashMap<>();
        Map<String, Double> findsIt = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            String study = "MURA-v1.1/valid/XR_HAND/patient0000" + i + "/study1/";
            tiny.put(study, new Scorer.Truth(BodyPart.XR_HAND, i == 1 ? 1 : 0));
            missesIt.put(study, 0.1);
            findsIt.put(study, i == 1 ? 0.9 : 0.1);
        }

        Ladder.Decision decision = new Ladder(200, 11).decide(tiny, missesIt, findsIt);

        assertTrue(decision.replicates() > 0 && decision.replicates() < 200, decision::toString);
        assertEquals(0.0, decision.standardError(), "every defined replicate differs by exactly 1");
        assertTrue(decision.improved());
    }

    @Test
    void theDecisionDependsOnlyOnItsInputsAndSeed() {
        Map<String, Double> candidate = model(0.9);
        Map<String, Double> reordered = new LinkedHashMap<>();
        new TreeMap<>(candidate).descendingMap().forEach(reordered::put);

        Ladder.Decision once = LADDER.decide(truth, best, candidate);

        assertEquals(once, new Ladder(1000, 1712).decide(truth, best, reordered));
        assertNotEquals(once.standardError(), new Ladder(1000, 1713).decide(truth, best, candidate).standardError());
    }

    @Test
    void aTruthOfOneClassIsRefused() {
        SortedMap<String, Scorer.Truth> allNormal = new TreeMap<>();
        truth.forEach((study, t) -> allNormal.put(study, new Scorer.Truth(t.part(), 0)));

        assertThrows(IllegalArgumentException.class, () -> LADDER.decide(allNormal, best, best));
    }

    @Test
    void aStudyWithoutAPredictionIsRefused() {
        Map<String, Double> incomplete = new HashMap<>(best);
        incomplete.remove(truth.firstKey());

        assertThrows(IllegalArgumentException.class, () -> LADDER.decide(truth, incomplete, best));
        assertThrows(IllegalArgumentException.class, () -> LADDER.decide(truth, best, incomplete));
    }

    @Test
    void fewerThanTwoHundredReplicatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Ladder(199, 1));
    }

    @Test
    void theStandardErrorIsTheSampleStandardDeviation() {
        assertEquals(Math.sqrt(5.0 / 3), Ladder.sampleStandardDeviation(new double[] {1, 2, 3, 4}), 1e-15);
    }

    private SortedMap<String, Scorer.Truth> truth(int n) {
        SortedMap<String, Scorer.Truth> studies = new TreeMap<>();
        BodyPart[] parts = BodyPart.values();
        for (int i = 0; i < n; i++) {
            BodyPart part = parts[i % parts.length];
            studies.put(String.format("MURA-v1.1/valid/%s/patient%05d/study1/", part, i),
                    new Scorer.Truth(part, random.nextDouble() < 0.4 ? 1 : 0));
        }
        return studies;
    }

    /** A model whose logit is ±1 plus Gaussian noise of {@code spread}: smaller separates better. */
    private Map<String, Double> model(double spread) {
        Map<String, Double> probabilities = new HashMap<>();
        truth.forEach((study, t) -> {
            double z = (t.gold() == 1 ? 1 : -1) + spread * random.nextGaussian();
            probabilities.put(study, 1 / (1 + Math.exp(-z)));
        });
        return probabilities;
    }
}

package org.muraarena.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.muraarena.core.BodyPart;

/**
 * Every Ladder case computed independently with scikit-learn and numpy by
 * src/test/golden/make_ladder_golden.py: the same decision bit, kappas, difference and standard
 * error to 1e-9, and the same number of replicates.
 */
class LadderGoldenTest {
    private static final double TOLERANCE = 1e-9;

    @TestFactory
    Stream<DynamicTest> ladderMatchesTheNumpyReferenceOnEveryGoldenCase() throws Exception {
        return GoldenCases.each("/golden/ladder-golden.json", 8, LadderGoldenTest::check);
    }

    private static void check(JsonNode c) {
        SortedMap<String, Scorer.Truth> truth = new TreeMap<>();
        for (JsonNode row : c.get("truth")) {
            String study = row.get(0).asText();
            truth.put(study, new Scorer.Truth(BodyPart.ofPath(study).orElseThrow(), row.get(1).asInt()));
        }
        Ladder ladder = new Ladder(c.get("replicates").asInt(), Long.parseUnsignedLong(c.get("seed").asText()));
        Ladder.Decision actual = ladder.decide(truth, probabilities(c.get("best")), probabilities(c.get("candidate")));

        JsonNode expected = c.get("expected");
        assertEquals(expected.get("improved").asBoolean(), actual.improved(), "improved");
        assertEquals(expected.get("replicates").asInt(), actual.replicates(), "replicates");
        assertEquals(expected.get("kappa_candidate").asDouble(), actual.kappaCandidate(), TOLERANCE, "kappa_candidate");
        assertClose(expected.get("kappa_best"), actual.kappaBest(), "kappa_best");
        assertClose(expected.get("difference"), actual.difference(), "difference");
        assertClose(expected.get("standard_error"), actual.standardError(), "standard_error");
    }

    private static Map<String, Double> probabilities(JsonNode rows) {
        if (rows.isNull()) {
            return null;
        }
        Map<String, Double> probabilities = new HashMap<>();
        rows.forEach(row -> probabilities.put(row.get(0).asText(), row.get(1).asDouble()));
        return probabilities;
    }

    private static void assertClose(JsonNode expected, Double actual, String what) {
        if (expected.isNull()) {
            assertNull(actual, what);
        } else {
            assertEquals(expected.asDouble(), actual, TOLERANCE, what);
        }
    }
}

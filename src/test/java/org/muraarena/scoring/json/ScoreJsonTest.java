package org.muraarena.scoring.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.muraarena.core.BodyPart;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;

class ScoreJsonTest {
    private static final String HAND = "MURA-v1.1/test/XR_HAND/patient";
    private static final String ELBOW = "MURA-v1.1/test/XR_ELBOW/patient";

    /** Hands with both classes, elbows all normal (kappa and AUROC undefined there), and three reference readers. */
    private static ScoreReport report() {
        SortedMap<String, Scorer.Truth> truth = new TreeMap<>();
        Map<String, Double> p = new TreeMap<>();
        for (int i = 0; i < 8; i++) {
            truth.put(HAND + i + "/study1/", new Scorer.Truth(BodyPart.XR_HAND, i % 2, new int[] {i % 2, 1, i % 3 == 0 ? 1 : 0}));
            p.put(HAND + i + "/study1/", i / 10.0 + 0.15);
            truth.put(ELBOW + i + "/study1/", new Scorer.Truth(BodyPart.XR_ELBOW, 0, new int[] {0, 0, 1}));
            p.put(ELBOW + i + "/study1/", 0.1 + i / 9.0);
        }
        return new Scorer(new AurocBootstrap(200, 7)).score(truth, p);
    }

    @Test
    void aReportReadBackWritesTheSameJson() {
        String json = ScoreJson.write(report());
        assertEquals(json, ScoreJson.write(ScoreJson.read(json)));
        assertEquals(ScoreJson.writePretty(report()), ScoreJson.writePretty(ScoreJson.read(ScoreJson.writePretty(report()))));
    }

    @Test
    void keysAreTheScoreCommandsSnakeCaseWithAllSevenTypesInOrderAndNullsKept() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ScoreJson.write(report()));
        assertEquals("[\"n\",\"kappa\",\"kappa_ci\",\"kappa_ci_official\",\"auroc\",\"auroc_ci\",\"sensitivity\",\"specificity\"]",
                new ObjectMapper().writeValueAsString(json.get("overall").properties().stream().map(Map.Entry::getKey).toList()));
        assertEquals("[\"XR_ELBOW\",\"XR_FINGER\",\"XR_FOREARM\",\"XR_HAND\",\"XR_HUMERUS\",\"XR_SHOULDER\",\"XR_WRIST\"]",
                new ObjectMapper().writeValueAsString(json.get("by_type").properties().stream().map(Map.Entry::getKey).toList()));
        assertTrue(json.get("by_type").get("XR_ELBOW").get("auroc").isNull());
        assertTrue(json.get("by_type").get("XR_FINGER").get("kappa_ci").isNull());
        assertEquals("Radiologist 1", json.get("references").get(0).get("reader").asText());
        assertTrue(json.get("references").get(0).has("by_type"));
    }

    @Test
    void aReportWithoutReferenceReadersHasNoReferencesKey() throws Exception {
        ScoreReport r = report();
        String json = ScoreJson.write(new ScoreReport(r.overall(), r.byType(), null));
        assertFalse(new ObjectMapper().readTree(json).has("references"), json);
        assertEquals(json, ScoreJson.write(ScoreJson.read(json)));
    }
}

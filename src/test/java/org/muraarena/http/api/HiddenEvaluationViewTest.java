package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.competition.submission.Result;
import org.muraarena.core.BodyPart;
import org.muraarena.core.Phase;
import org.muraarena.http.PageLogin;
import org.muraarena.http.security.PageSessions;
import org.muraarena.scoring.Metrics;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;
import org.muraarena.testing.QueueFixtures;

/**
 * What a team sees of a hidden run through the real server (real PostgreSQL, ONNX Runtime in a
 * child JVM): only the status, tag and release times and, once a success is released, the Ladder's
 * bit and the released best, rounded; its organizer sees everything. The tests' release period is 1 s.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class HiddenEvaluationViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BEFORE_RELEASE = Set.of("status", "taggedAt", "releasedAt");
    private static final Set<String> RELEASED_SUCCESS = releasedSuccessKeys();

    @Test
    void aTeamSeesOnlyStatusTimesOfTagAndReleaseAndItsRoundedReleasedBest() throws Exception {
        String token = TeamResourceTest.createTeam("Opaque Olecranon");
        long id = SubmissionResourceTest.upload(token, SubmissionResourceTest.fixture("tiny_dynamic.onnx"),
                SubmissionResourceTest.TINY_MANIFEST).then().statusCode(202).extract().jsonPath().getLong("id");
        assertEquals("SUCCEEDED", SubmissionResourceTest.awaitFinished(token, id, "dryRun").getString("dryRun.status"));
        tag(token, id);

        List<JsonNode> seen = pollTeamViews(token, id, "SUCCEEDED");
        Set<String> statuses = new TreeSet<>();
        for (JsonNode view : seen) {
            String status = view.path("evaluation").path("status").asText();
            statuses.add(status);
            Set<String> expected = status.equals("SUCCEEDED") ? RELEASED_SUCCESS : BEFORE_RELEASE;
            assertEquals(expected, keyPaths(view.get("evaluation")), "team view while " + status + ": " + view);
            assertTrue(view.get("error").isNull(), view.toString());
            assertNull(view.get("release"), "the Ladder's numbers are the organizer's");
            assertEquals(status, view.get("status").asText(), "the submission's status is the hidden run's as the team sees it");
        }
        assertTrue(statuses.contains("SUCCEEDED"), "statuses seen: " + statuses);
        assertTrue(Set.of("RUNNING", "SUCCEEDED").containsAll(statuses), "never QUEUED: " + statuses);

        JsonNode last = seen.get(seen.size() - 1).get("evaluation");
        Evaluation e = QueueFixtures.evaluation(id, Phase.HIDDEN);
        assertEquals(tick(e.finishedAt).toString(), last.get("releasedAt").asText());
        assertTrue(last.get("ladder").get("improved").asBoolean(), "a team's first released result is its best");
        ScoreReport stored = QuarkusTransaction.requiringNew().call(() -> Result.latest(QueueFixtures.evaluation(id, Phase.HIDDEN)).report);
        assertReleasedNumbersAreTheStoredOnesRounded(stored, last.get("metrics"));

        JsonNode listed = listedView(token, id);
        assertEquals(last, listed.get("evaluation"), "the list shows the same view");
        assertComputeOnlyForTheDryRun(seen.get(seen.size() - 1));
        assertComputeOnlyForTheDryRun(listed);

        // The organizer keeps everything, and the Ladder's numbers.
        JsonNode organizer = organizerView(id);
        assertMeasured(organizer.get("dryRun").get("compute"));
        assertMeasured(organizer.get("evaluation").get("compute"));
        assertTrue(organizer.get("evaluation").get("log").asText().contains("HIDDEN on the test set"));
        assertTrue(organizer.get("evaluation").get("progress").get("total").asInt() > 0);
        assertFalse(organizer.get("evaluation").get("finishedAt").isNull());
        assertTrue(organizer.get("release").get("improved").asBoolean());
        assertEquals(0, organizer.get("release").get("replicates").asInt());

        String page = hiddenSection(given().cookie(PageSessions.COOKIE, PageLogin.session(token)).get("/submissions/" + id)
                .then().statusCode(200).extract().asString());
        assertFalse(page.contains("<progress"), page);
        assertFalse(page.contains("images"), page);
        assertFalse(page.contains("class=\"log\""), page);
        assertFalse(page.contains("Failure:"), page);
        assertFalse(page.contains("finished"), page);
        assertFalse(page.contains("Sensitivity"), page);
        assertFalse(page.contains("CPU"), page);
        assertTrue(page.contains("data-status=\"SUCCEEDED\""), page);
    }

    @Test
    void aFailedHiddenRunShowsOnlyFailedToItsTeamWhileTheOrganizerSeesClassAndReason() throws Exception {
        String token = TeamResourceTest.createTeam("Silent Scaphoid");
        long id = SubmissionResourceTest.upload(token, SubmissionResourceTest.fixture("tiny_nan.onnx"),
                SubmissionResourceTest.TINY_MANIFEST).then().statusCode(202).extract().jsonPath().getLong("id");
        assertEquals("FAILED", SubmissionResourceTest.awaitFinished(token, id, "dryRun").getString("dryRun.status"));
        // This model fails everywhere; let its dry run pass so that its hidden run really runs (and fails).
        QuarkusTransaction.requiringNew().run(() -> {
            Evaluation dry = Evaluation.find("submission.id = ?1 and phase = ?2", id, Phase.DRY_RUN).firstResult();
            Evaluation.update("status = ?1, failureClass = null, error = null where id = ?2", EvaluationStatus.SUCCEEDED, dry.id);
        });
        tag(token, id);

        List<JsonNode> seen = pollTeamViews(token, id, "FAILED");
        for (JsonNode view : seen) {
            assertEquals(BEFORE_RELEASE, keyPaths(view.get("evaluation")), view.toString());
            // (the dry run's own log names the NaN: dry runs stay transparent)
            String text = view.get("evaluation").toString() + view.get("error") + view.get("status");
            assertFalse(text.contains("INVALID_OUTPUT") || text.contains("NaN") || text.contains("invalid output"), text);
        }
        JsonNode last = seen.get(seen.size() - 1);
        assertTrue(last.get("error").asText().contains("dry run"), last.toString());
        Evaluation e = QueueFixtures.evaluation(id, Phase.HIDDEN);
        assertEquals(tick(e.finishedAt).toString(), last.get("evaluation").get("releasedAt").asText());

        assertComputeOnlyForTheDryRun(last);
        JsonNode organizer = organizerView(id).get("evaluation");
        assertMeasured(organizer.get("compute")); // a failed run cost compute too
        assertEquals("INVALID_OUTPUT", organizer.get("failureClass").asText());
        assertNotNull(organizer.get("error").textValue());
        assertTrue(organizer.get("log").asText().length() > 0);

        String page = hiddenSection(given().cookie(PageSessions.COOKIE, PageLogin.session(token)).get("/submissions/" + id)
                .then().statusCode(200).extract().asString());
        assertTrue(page.contains("The hidden evaluation failed"), page);
        assertTrue(page.contains("the dry run is the place to debug"), page);
        assertFalse(page.contains("invalid output") || page.contains("Failure:") || page.contains("<progress"), page);
    }

    /**
     * A team reads what its dry run cost, and nothing of its hidden run's (its CPU seconds would time
     * it): "compute" appears once in the whole view, under the dry run.
     */
    static void assertComputeOnlyForTheDryRun(JsonNode teamView) {
        assertMeasured(teamView.get("dryRun").get("compute"));
        assertFalse(teamView.get("evaluation").has("compute"), teamView.toString());
        assertEquals(1, teamView.findValues("compute").size(), teamView.toString());
        assertFalse(teamView.get("evaluation").toString().contains("Seconds"), teamView.toString());
    }

    /** Measured CPU seconds, and no GPU seconds where no GPU ran. */
    static void assertMeasured(JsonNode compute) {
        assertNotNull(compute, "no compute");
        assertTrue(compute.get("cpuSeconds").asDouble() > 0, compute.toString());
        if (!org.muraarena.core.Gpu.present()) {
            assertTrue(compute.get("gpuSeconds").isNull(), compute.toString());
        }
    }

    static void tag(String token, long id) {
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{\"tag\": \"mura-submit\"}")
                .when().post("/api/submissions/" + id + "/tag").then().statusCode(202);
    }

    /** The team's view of the submission, polled every 100 ms until its hidden run shows {@code last}. */
    static List<JsonNode> pollTeamViews(String token, long id, String last) {
        return pollTeamViews(token, id, last, Duration.ofSeconds(120));
    }

    /**
     * As above, for at most {@code atMost}; also checks that no view shows a release before its
     * tick (a view received at a time before its {@code releasedAt}).
     */
    static List<JsonNode> pollTeamViews(String token, long id, String last, Duration atMost) {
        List<JsonNode> seen = new ArrayList<>();
        Polling.upTo(atMost, "the team sees its hidden run " + last).until(() -> {
            JsonNode view = JSON.readTree(given().header("Authorization", "Bearer " + token).get("/api/submissions/" + id)
                    .then().statusCode(200).extract().asString());
            Instant received = Instant.now();
            seen.add(view);
            JsonNode releasedAt = view.path("evaluation").path("releasedAt");
            if (releasedAt.isTextual()) {
                assertFalse(received.isBefore(Instant.parse(releasedAt.asText())), "released before its tick: " + view);
            }
            return view.path("evaluation").path("status").asText();
        }, last::equals);
        return seen;
    }

    static JsonNode listedView(String token, long id) throws Exception {
        for (JsonNode view : JSON.readTree(given().header("Authorization", "Bearer " + token).get("/api/submissions")
                .then().statusCode(200).extract().asString())) {
            if (view.get("id").asLong() == id) {
                return view;
            }
        }
        throw new AssertionError("submission " + id + " not listed");
    }

    static JsonNode organizerView(long id) throws Exception {
        return JSON.readTree(given().header("Authorization", "Bearer " + ArenaTestResource.ADMIN_TOKEN).get("/api/submissions/" + id)
                .then().statusCode(200).extract().asString());
    }

    /** The first release tick after {@code finishedAt} with the tests' 1 s period. */
    static Instant tick(Instant finishedAt) {
        return Instant.ofEpochMilli(Math.floorDiv(finishedAt.toEpochMilli(), 1000) * 1000 + 1000);
    }

    static void assertReleasedNumbersAreTheStoredOnesRounded(ScoreReport stored, JsonNode metrics) {
        Metrics o = stored.overall();
        assertNumber(o.kappa(), metrics.get("overall").get("kappa"));
        assertNumber(o.auroc(), metrics.get("overall").get("auroc"));
        assertNumber(o.kappaCi()[0], metrics.get("overall").get("kappa_ci").get(0));
        assertNumber(o.kappaCi()[1], metrics.get("overall").get("kappa_ci").get(1));
        assertNumber(o.aurocCi()[0], metrics.get("overall").get("auroc_ci").get(0));
        assertNumber(o.aurocCi()[1], metrics.get("overall").get("auroc_ci").get(1));
        for (Map.Entry<BodyPart, Metrics> type : stored.byType().entrySet()) {
            assertNumber(type.getValue().kappa(), metrics.get("by_type").get(type.getKey().name()).get("kappa"));
        }
    }

    /** A released success's view: exactly the released keys, every number with at most 3 decimals. */
    static void assertReleasedShape(JsonNode evaluation) {
        assertEquals(RELEASED_SUCCESS, keyPaths(evaluation), evaluation.toString());
        assertThousandths(evaluation.get("metrics"));
    }

    /** Every number in {@code value}, however deep, has at most 3 decimals. */
    static void assertThousandths(JsonNode value) {
        if (value.isContainerNode()) {
            value.forEach(HiddenEvaluationViewTest::assertThousandths);
        } else if (!value.isNull()) {
            assertTrue(value.isNumber(), "a number: " + value);
            double thousandths = value.asDouble() * 1000;
            assertEquals(Math.rint(thousandths), thousandths, 1e-6, "no more than 3 decimals: " + value);
        }
    }

    private static void assertNumber(Double expected, JsonNode actual) {
        if (expected == null || !Double.isFinite(expected)) {
            assertTrue(actual.isNull(), "undefined stays null: " + actual);
            return;
        }
        assertEquals(Math.round(expected * 1000) / 1000.0, actual.asDouble(), 1e-12, "rounded to 3 decimals");
        double thousandths = actual.asDouble() * 1000;
        assertEquals(Math.rint(thousandths), thousandths, 1e-6, "no more than 3 decimals: " + actual);
    }

    /** The hidden run's section of a submission page. */
    static String hiddenSection(String html) {
        return html.substring(html.indexOf("id=\"hidden-title\""));
    }

    /** Every key of a JSON object, as dotted paths, recursing into objects (arrays are leaves). */
    static Set<String> keyPaths(JsonNode node) {
        Set<String> paths = new HashSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, Set<String> paths) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String path = prefix + f.getKey();
            paths.add(path);
            if (f.getValue().isObject()) {
                collect(f.getValue(), path + ".", paths);
            }
        }
    }

    private static Set<String> releasedSuccessKeys() {
        Set<String> keys = new HashSet<>(BEFORE_RELEASE);
        keys.addAll(List.of("ladder", "ladder.improved", "metrics", "metrics.overall", "metrics.overall.kappa",
                "metrics.overall.kappa_ci", "metrics.overall.auroc", "metrics.overall.auroc_ci", "metrics.by_type"));
        for (BodyPart part : BodyPart.values()) {
            keys.add("metrics.by_type." + part.name());
            keys.add("metrics.by_type." + part.name() + ".kappa");
        }
        return Set.copyOf(keys);
    }
}

package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.muraarena.sandbox.container.DockerEngine;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;

/**
 * What an operator has: health (liveness, readiness naming what is missing), Prometheus metrics for
 * organizers only, and an API description in which every endpoint names its error statuses.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class OperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORGANIZER = "Bearer " + ArenaTestResource.ADMIN_TOKEN;

    @Test
    void readinessSaysWhatIsMissingAndLivenessIsUp() throws Exception {
        given().get("/q/health/live").then().statusCode(200);
        // The test profile runs a worker; it registers within moments of the start.
        JsonNode ready = Polling.upTo(Duration.ofSeconds(60), "a live worker in the readiness check").until(
                () -> JSON.readTree(given().get("/q/health/ready").then().extract().asString()),
                health -> arena(health).path("data").path("workersLive").asInt() > 0);
        JsonNode arena = arena(ready);
        assertEquals("ready", arena.get("data").get("dataset").asText());
        boolean engine;
        try (DockerEngine docker = new DockerEngine(Optional.ofNullable(System.getenv("DOCKER_HOST")))) {
            engine = docker.reachable();
        }
        // The tests accept containers (arena.container.enabled): readiness then needs the engine.
        assertEquals(engine ? "answers" : "does not answer", arena.get("data").get("dockerEngine").asText(), ready.toString());
        assertEquals(engine ? "UP" : "DOWN", arena.get("status").asText(), ready.toString());
        JsonNode database = null;
        for (JsonNode check : ready.get("checks")) {
            if (check.get("name").asText().contains("Database")) {
                database = check;
            }
        }
        assertTrue(database != null && database.get("status").asText().equals("UP"), ready.toString());
        assertEquals(engine ? "UP" : "DOWN", ready.get("status").asText());
    }

    @Test
    void metricsAreTheOrganizersAndCountUploadsQueueWorkersAndEvaluations() throws Exception {
        given().redirects().follow(false).get("/q/metrics").then().statusCode(401);
        String team = TeamResourceTest.createTeam("Metered Metacarpal " + System.nanoTime());
        given().redirects().follow(false).header("Authorization", "Bearer " + team).get("/q/metrics").then().statusCode(403);

        double acceptedBefore = value(metrics(), "arena_uploads_total", Map.of("outcome", "accepted"));
        double invalidBefore = value(metrics(), "arena_uploads_total", Map.of("outcome", "invalid"));
        long id = SubmissionResourceTest.upload(team, SubmissionResourceTest.fixture("tiny_dynamic.onnx"),
                SubmissionResourceTest.TINY_MANIFEST).then().statusCode(202).extract().jsonPath().getLong("id");
        SubmissionResourceTest.upload(team, SubmissionResourceTest.fixture("tiny_dynamic.onnx"), "{\"name\": 3}")
                .then().statusCode(400);
        String after = metrics();
        assertEquals(acceptedBefore + 1, value(after, "arena_uploads_total", Map.of("outcome", "accepted")), 1e-9);
        assertEquals(invalidBefore + 1, value(after, "arena_uploads_total", Map.of("outcome", "invalid")), 1e-9);

        SubmissionResourceTest.awaitFinished(team, id, "dryRun");
        String done = Polling.upTo(Duration.ofSeconds(30), "the dry run in the metrics").until(this::metrics,
                m -> value(m, "arena_evaluations_total", Map.of("phase", "dry_run", "outcome", "succeeded")) >= 1);
        assertTrue(value(done, "arena_evaluation_seconds_count", Map.of("phase", "dry_run", "kind", "onnx")) >= 1, done);
        assertTrue(done.contains("arena_evaluation_seconds_bucket{"), "a histogram, with buckets");
        assertTrue(value(done, "arena_queue_depth", Map.of("phase", "hidden")) >= 0, done);
        assertTrue(value(done, "arena_workers_live", Map.of()) >= 0, done);
    }

    @Test
    void everyEndpointIsDescribedWithItsErrorStatuses() throws Exception {
        JsonNode api = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!op.getValue().has("responses")) {
                    continue; // path-level parameters
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                if (!op.getValue().hasNonNull("summary")) {
                    problems.add(where + ": no summary");
                }
                boolean error = false;
                for (Iterator<String> codes = op.getValue().get("responses").fieldNames(); codes.hasNext(); ) {
                    error |= codes.next().startsWith("4");
                }
                if (!error) {
                    problems.add(where + ": no error status");
                }
            }
        }
        assertTrue(operations >= 10, "the API's operations are described: " + operations);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        String ui = given().get("/q/swagger-ui/").then().statusCode(200).extract().asString();
        assertTrue(ui.contains("swagger"), "the Swagger UI is served");
    }

    private String metrics() {
        return given().header("Authorization", ORGANIZER).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static JsonNode arena(JsonNode health) {
        for (JsonNode check : health.path("checks")) {
            if ("arena".equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no arena readiness check: " + health);
    }

    /** The sum of a Prometheus metric's samples whose labels include {@code labels} (0 when none). */
    static double value(String exposition, String name, Map<String, String> labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)$").matcher(exposition);
        double sum = 0;
        while (m.find()) {
            String found = m.group(1) == null ? "" : m.group(1);
            boolean all = labels.entrySet().stream().allMatch(e -> found.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    @Test
    void theMetricParserReadsLabelledAndPlainSamples() {
        String sample = "# HELP x\nx_total{outcome=\"accepted\",a=\"b\"} 3.0\nx_total{outcome=\"invalid\"} 1.0\ny 2.0\n";
        assertEquals(3.0, value(sample, "x_total", Map.of("outcome", "accepted")), 1e-12);
        assertEquals(4.0, value(sample, "x_total", Map.of()), 1e-12);
        assertEquals(2.0, value(sample, "y", Map.of()), 1e-12);
        assertFalse(value(sample, "z", Map.of()) != 0);
    }
}

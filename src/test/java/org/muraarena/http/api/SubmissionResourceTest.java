package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.Phase;
import org.muraarena.core.Manifest;
import org.muraarena.competition.submission.Submission;
import org.muraarena.competition.team.Team;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;

/** The team's path through the real server: real PostgreSQL, real child JVM, real ONNX Runtime. */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class SubmissionResourceTest {
    static final String TINY_MANIFEST = "{\"name\": \"tiny\", \"input\": {\"height\": 8, \"width\": 8}}";

    @ConfigProperty(name = "arena.data-dir")
    String dataDir;

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = SubmissionResourceTest.class.getResourceAsStream("/onnx/" + name)) {
            return in.readAllBytes();
        }
    }

    static Response upload(String token, byte[] artifact, String manifest) {
        return given().header("Authorization", "Bearer " + token)
                .multiPart("artifact", "model.onnx", artifact, "application/octet-stream")
                .multiPart("manifest", manifest)
                .when().post("/api/submissions");
    }

    /** Waits (at most 120 s) until {@code path} leaves QUEUED/RUNNING, returning the last view. */
    static JsonPath awaitFinished(String token, long id, String path) {
        return Polling.finished(token, id, path, Duration.ofSeconds(120));
    }

    @Test
    void uploadRunsTheDryRunThenTagScoresTheHiddenSetAndTheTeamReachesTheLeaderboard() throws Exception {
        String token = TeamResourceTest.createTeam("Happy Path");
        long id = upload(token, fixture("tiny_dynamic.onnx"), TINY_MANIFEST)
                .then().statusCode(202).body("status", org.hamcrest.Matchers.equalTo("QUEUED"))
                .body("kind", org.hamcrest.Matchers.equalTo("ONNX")).extract().jsonPath().getLong("id");

        JsonPath dry = awaitFinished(token, id, "dryRun");
        assertEquals("SUCCEEDED", dry.getString("dryRun.status"), dry.prettify());
        assertTrue(dry.getInt("dryRun.progress.total") > 0);
        assertEquals(dry.getInt("dryRun.progress.total"), dry.getInt("dryRun.progress.done"));
        assertEquals(28, dry.getInt("dryRun.metrics.overall.n"));
        assertEquals(7, dry.getMap("dryRun.metrics.by_type").size());
        assertEquals("onnxruntime-cpu", dry.getString("dryRun.provider"));
        assertTrue(dry.getString("dryRun.log").contains("DRY_RUN on the sample set"), dry.getString("dryRun.log"));
        assertEquals(64, dry.getString("sha256").length());

        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{\"tag\": \"mura-submit\"}")
                .when().post("/api/submissions/" + id + "/tag").then().statusCode(202);
        JsonPath hidden = awaitFinished(token, id, "evaluation");
        assertEquals("SUCCEEDED", hidden.getString("evaluation.status"), hidden.prettify());
        assertNotNull(hidden.get("evaluation.metrics.overall.kappa"), hidden.prettify());
        assertNull(hidden.get("evaluation.metrics.overall.n"), "a team never sees hidden counts");
        assertNull(hidden.get("evaluation.log"), "a team never sees its hidden log");

        given().get("/api/leaderboard").then().statusCode(200)
                .body("rows.team", hasItem("Happy Path"))
                .body("references", hasSize(3));
        given().header("Authorization", "Bearer " + ArenaTestResource.ADMIN_TOKEN).get("/api/submissions/" + id)
                .then().statusCode(200).body("evaluation.log", containsString("HIDDEN on the test set"));
    }

    @Test
    void everyManifestProblemIsListedInOneBadRequestAndNothingIsStored() throws Exception {
        String token = TeamResourceTest.createTeam("Sloppy Manifests");
        upload(token, fixture("tiny_dynamic.onnx"),
                "{\"name\": \"\", \"input\": {\"layout\": \"NWHC\", \"channels\": 2, \"mean\": [0.5]}, \"colour\": true}")
                .then().statusCode(400)
                .body("problems", hasSize(5))
                .body("problems", hasItem("unknown field colour"))
                .body("problems", hasItem("input.channels must be 1 or 3"));
        upload(token, fixture("tiny_dynamic.onnx"), "not json").then().statusCode(400)
                .body("error", containsString("not valid JSON"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Submission.count("team.name", "Sloppy Manifests")));
    }

    @Test
    void anOversizeUploadIs413AndLeavesNoFileBehind() throws Exception {
        String token = TeamResourceTest.createTeam("Too Big");
        byte[] big = new byte[5 * 1024 * 1024];
        new Random(1).nextBytes(big);
        upload(token, big, TINY_MANIFEST).then().statusCode(413).body("error", containsString("at most"));
        assertNoStoredFileContaining(big);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Submission.count("team.name", "Too Big")));
    }

    @Test
    void anOnnxFileWithExternalDataIsRejectedAtUpload() throws Exception {
        String token = TeamResourceTest.createTeam("Label Peekers");
        upload(token, fixture("external_initializer.onnx"), TINY_MANIFEST)
                .then().statusCode(400).body("error", containsString("keeps its data outside the file"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Submission.count("team.name", "Label Peekers")));
    }

    @Test
    void uploadsNeedATeamToken() throws Exception {
        given().multiPart("artifact", "m.onnx", fixture("tiny_dynamic.onnx")).multiPart("manifest", TINY_MANIFEST)
                .when().post("/api/submissions").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").multiPart("artifact", "m.onnx", fixture("tiny_dynamic.onnx"))
                .multiPart("manifest", TINY_MANIFEST).when().post("/api/submissions").then().statusCode(401);
    }

    @Test
    void anotherTeamsSubmissionIsNotFound() throws Exception {
        String owner = TeamResourceTest.createTeam("Owner");
        String other = TeamResourceTest.createTeam("Nosy Neighbour");
        long id = upload(owner, fixture("tiny_dynamic.onnx"), TINY_MANIFEST).then().statusCode(202).extract().jsonPath().getLong("id");
        given().header("Authorization", "Bearer " + other).get("/api/submissions/" + id).then().statusCode(404);
        given().header("Authorization", "Bearer " + other).contentType("application/json").body("{\"tag\": \"mura-submit\"}")
                .post("/api/submissions/" + id + "/tag").then().statusCode(404);
    }

    @Test
    void corruptBytesFailTheDryRunWithAReasonAndCannotBeTagged() throws Exception {
        String token = TeamResourceTest.createTeam("Bit Rot");
        byte[] corrupt = "this is not an onnx model at all".getBytes();
        long id = upload(token, corrupt, TINY_MANIFEST).then().statusCode(202).extract().jsonPath().getLong("id");
        JsonPath view = awaitFinished(token, id, "dryRun");
        assertEquals("FAILED", view.getString("dryRun.status"));
        assertEquals("INVALID_MODEL", view.getString("dryRun.failureClass"));
        assertNotNull(view.getString("error"));
        assertTrue(view.getString("error").startsWith("dry run failed: invalid model"), view.getString("error"));
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{\"tag\": \"mura-submit\"}")
                .post("/api/submissions/" + id + "/tag").then().statusCode(409).body("error", containsString("dry run has not passed"));
    }

    @Test
    void aNanModelFailsItsDryRunNamingTheCause() throws Exception {
        String token = TeamResourceTest.createTeam("Not A Number");
        long id = upload(token, fixture("tiny_nan.onnx"), TINY_MANIFEST).then().statusCode(202).extract().jsonPath().getLong("id");
        JsonPath view = awaitFinished(token, id, "dryRun");
        assertEquals("FAILED", view.getString("dryRun.status"));
        assertEquals("INVALID_OUTPUT", view.getString("dryRun.failureClass"));
        assertTrue(view.getString("dryRun.error").toLowerCase().contains("nan"), view.getString("dryRun.error"));
    }

    @Test
    void taggingPastTheDailyQuotaIs429SayingWhenTheNextSlotOpens() throws Exception {
        String token = TeamResourceTest.createTeam("Eager Beavers");
        long id = upload(token, fixture("tiny_dynamic.onnx"), TINY_MANIFEST).then().statusCode(202).extract().jsonPath().getLong("id");
        assertEquals("SUCCEEDED", awaitFinished(token, id, "dryRun").getString("dryRun.status"));
        // Five hidden runs in the last day, one of them failed: failed runs count.
        QuarkusTransaction.requiringNew().run(() -> {
            Team team = Team.byName("Eager Beavers");
            for (int i = 0; i < 5; i++) {
                Submission s = new Submission();
                s.team = team;
                s.kind = Manifest.Kind.ONNX;
                s.modelName = "earlier-" + i;
                s.manifest = TINY_MANIFEST;
                s.sha256 = "0".repeat(64);
                s.createdAt = Instant.now().minusSeconds(3600);
                s.taggedAt = Instant.now().minusSeconds(3600 - i);
                s.persist();
                Evaluation e = new Evaluation();
                e.submission = s;
                e.phase = Phase.HIDDEN;
                e.transitionTo(EvaluationStatus.QUEUED, s.taggedAt);
                e.transitionTo(EvaluationStatus.RUNNING, s.taggedAt);
                e.transitionTo(i == 0 ? EvaluationStatus.FAILED : EvaluationStatus.SUCCEEDED, s.taggedAt);
                e.persist();
            }
        });
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{\"tag\": \"mura-submit\"}")
                .post("/api/submissions/" + id + "/tag").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("error", containsString("next slot opens at"));
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{\"tag\": \"other\"}")
                .post("/api/submissions/" + id + "/tag").then().statusCode(400);
    }

    private void assertNoStoredFileContaining(byte[] content) throws IOException {
        Path root = Path.of(dataDir);
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.size(file) == content.length) {
                    throw new AssertionError("an oversize upload left " + file);
                }
            }
        }
    }
}

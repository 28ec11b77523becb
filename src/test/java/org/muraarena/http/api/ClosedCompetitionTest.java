package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.competition.submission.Submission;
import org.muraarena.competition.team.Team;
import org.muraarena.core.Manifest;
import org.muraarena.core.Phase;
import org.muraarena.testing.ArenaTestResource;

/** After the competition's closing instant, uploads and tags are refused with 403 naming it, and the pages say so. */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
@TestProfile(ClosedCompetitionTest.Closed.class)
class ClosedCompetitionTest {
    static final String CLOSED_AT = "2020-01-01T00:00:00Z";

    public static class Closed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arena.competition.opens-at", "2019-01-01T00:00:00Z",
                    "arena.competition.closes-at", CLOSED_AT,
                    "arena.competition.title", "Closed Cup",
                    "arena.worker.enabled", "false");
        }
    }

    @Test
    void uploadsAndTagsAreRefusedAndNothingIsStored() throws Exception {
        String name = "Too Late " + System.nanoTime();
        String token = TeamResourceTest.createTeam(name);
        SubmissionResourceTest.upload(token, SubmissionResourceTest.fixture("tiny_dynamic.onnx"), SubmissionResourceTest.TINY_MANIFEST)
                .then().statusCode(403).body("error", equalTo("the competition closed at " + CLOSED_AT));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Submission.count("team.name", name)), "nothing is stored");

        // A submission whose dry run passed before the close cannot be tagged after it.
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Submission s = new Submission();
            s.team = Team.byName(name);
            s.kind = Manifest.Kind.ONNX;
            s.modelName = "before-the-close";
            s.manifest = SubmissionResourceTest.TINY_MANIFEST;
            s.sha256 = "0".repeat(64);
            s.createdAt = Instant.parse("2019-12-31T23:00:00Z");
            s.persist();
            Evaluation dry = new Evaluation();
            dry.submission = s;
            dry.phase = Phase.DRY_RUN;
            dry.transitionTo(EvaluationStatus.QUEUED, s.createdAt);
            dry.transitionTo(EvaluationStatus.RUNNING, s.createdAt);
            dry.transitionTo(EvaluationStatus.SUCCEEDED, s.createdAt);
            dry.persist();
            return s.id;
        });
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{\"tag\": \"mura-submit\"}")
                .post("/api/submissions/" + id + "/tag").then().statusCode(403)
                .body("error", equalTo("the competition closed at " + CLOSED_AT));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Evaluation.count("submission.id = ?1 and phase = ?2", id, Phase.HIDDEN)),
                "no hidden run is queued");

        String page = given().get("/").then().statusCode(200).extract().asString();
        assertTrue(page.contains("Closed Cup"), "the competition's title");
        assertTrue(page.contains("Closed at " + CLOSED_AT), page);
    }
}

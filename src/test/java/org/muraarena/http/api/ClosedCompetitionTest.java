package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.function.Function;
import org.muraarena.competition.leaderboard.BoardChanges;
import org.muraarena.competition.submission.Result;
import org.muraarena.core.Aggregation;
import org.muraarena.dataset.DatasetService;
import org.muraarena.http.PageLogin;
import org.muraarena.http.security.PageSessions;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.StudyProbabilities;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/**
 * After the competition's closing instant, uploads and tags are refused with 403 naming it, and the
 * pages say so; after its freeze, the public board shows each team's best as it stood then while
 * organizers see it live, until they publish.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
@TestProfile(ClosedCompetitionTest.Closed.class)
class ClosedCompetitionTest {
    static final String CLOSED_AT = "2020-01-01T00:00:00Z";
    static final String FROZEN_AT = "2019-06-01T00:00:00Z";

    @Inject
    BoardChanges board;
    @Inject
    DatasetService dataset;

    public static class Closed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arena.competition.opens-at", "2019-01-01T00:00:00Z",
                    "arena.competition.closes-at", CLOSED_AT,
                    "arena.competition.freeze-at", FROZEN_AT,
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

    @Test
    void theFrozenBoardShowsTheBestAsItStoodAtTheFreezeUntilPublished() throws Exception {
        String name = "Frozen Femur " + System.nanoTime();
        String token = TeamResourceTest.createTeam(name);
        long before = released(name, "before-freeze", Instant.parse("2019-05-01T00:00:00Z"), image -> Math.floorMod(image.hashCode(), 1000) / 1000.0);
        long after = released(name, "after-freeze", Instant.parse("2019-07-01T00:00:00Z"), this::truthful);
        QuarkusTransaction.requiringNew().run(() -> {
            Evaluation b = hidden(before);
            Evaluation a = hidden(after);
            b.ladderImproved = true;
            b.ladderBest = b;
            a.ladderImproved = true;
            a.ladderBest = a;
            Team.byName(name).releasedBestEvaluationId = a.id;
            board.record();
        });

        JsonPath pub = given().get("/api/leaderboard").then().statusCode(200).extract().jsonPath();
        assertEquals(FROZEN_AT, pub.getString("frozenAt"));
        assertEquals(before, pub.getLong("rows.find { it.team == '" + name + "' }.submissionId"), "the best as it stood at the freeze");
        JsonPath live = given().header("Authorization", TeamResourceTest.ORGANIZER).get("/api/leaderboard")
                .then().statusCode(200).extract().jsonPath();
        assertNull(live.getString("frozenAt"));
        assertEquals(after, live.getLong("rows.find { it.team == '" + name + "' }.submissionId"), "organizers see it live");
        String publicPage = given().get("/").then().statusCode(200).extract().asString();
        assertTrue(publicPage.contains("Frozen at " + FROZEN_AT), publicPage);
        String organizerPage = given().cookie(PageSessions.COOKIE, PageLogin.session(ArenaTestResource.ADMIN_TOKEN)).get("/")
                .then().statusCode(200).extract().asString();
        assertTrue(organizerPage.contains("Live board, seen by organizers only"), organizerPage);
        long teamId = QuarkusTransaction.requiringNew().call(() -> Team.byName(name).id);
        String teamPage = given().get("/teams/" + teamId).then().statusCode(200).extract().asString();
        assertTrue(teamPage.contains("data-status=\"RUNNING\""), "released after the freeze: not public yet");

        given().header("Authorization", "Bearer " + token).post("/api/admin/publish").then().statusCode(403);
        given().header("Authorization", TeamResourceTest.ORGANIZER).post("/api/admin/publish").then().statusCode(200);
        JsonPath published = given().get("/api/leaderboard").then().statusCode(200).extract().jsonPath();
        assertNull(published.getString("frozenAt"));
        assertEquals(after, published.getLong("rows.find { it.team == '" + name + "' }.submissionId"), "published: live for everyone");
        given().header("Authorization", TeamResourceTest.ORGANIZER).post("/api/admin/publish").then().statusCode(409)
                .body("error", org.hamcrest.Matchers.startsWith("the board was published at"));
    }

    private double truthful(String image) {
        return dataset.truth(Phase.HIDDEN).contents().truth().get(StudyProbabilities.studyOf(image)).gold() == 1 ? 0.9 : 0.1;
    }

    private static Evaluation hidden(long submission) {
        return Evaluation.find("submission.id = ?1 and phase = ?2", submission, Phase.HIDDEN).firstResult();
    }

    /** A hidden success of the team released at {@code at}, as a worker and the release clock would have left it. */
    private long released(String team, String model, Instant at, Function<String, Double> probability) throws Exception {
        DatasetService.Truth truth = dataset.truth(Phase.HIDDEN);
        Map<String, Double> images = new LinkedHashMap<>();
        for (String image : Files.readAllLines(dataset.root().resolve("MURA-v1.1/" + dataset.set(Phase.HIDDEN) + "_image_paths.csv"))) {
            images.put(image, probability.apply(image));
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Submission s = new Submission();
            s.team = Team.byName(team);
            s.kind = Manifest.Kind.ONNX;
            s.modelName = model;
            s.manifest = SubmissionResourceTest.TINY_MANIFEST;
            s.sha256 = "0".repeat(64);
            s.createdAt = at.minusSeconds(60);
            s.taggedAt = at.minusSeconds(60);
            s.persist();
            Evaluation e = new Evaluation();
            e.submission = s;
            e.phase = Phase.HIDDEN;
            e.transitionTo(EvaluationStatus.QUEUED, s.taggedAt);
            e.transitionTo(EvaluationStatus.RUNNING, s.taggedAt);
            e.transitionTo(EvaluationStatus.SUCCEEDED, at.minusSeconds(1));
            e.releasedAt = at;
            e.persist();
            Result r = new Result();
            r.evaluation = e;
            r.version = 1;
            r.score(new Scorer(AurocBootstrap.DEFAULT).score(truth.contents().truth(), StudyProbabilities.fromImages(images, Aggregation.MEAN)));
            r.predictions = PredictionsCsv.write(images);
            r.truthSha256 = truth.sha256();
            r.createdAt = at;
            r.persist();
            return s.id;
        });
    }
}

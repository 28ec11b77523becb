package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muraarena.dataset.DatasetService;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.evaluation.EvaluationQueue;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.Phase;
import org.muraarena.competition.submission.Result;
import org.muraarena.competition.workers.WorkerRegistry;
import org.muraarena.core.Aggregation;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.StudyProbabilities;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.json.ScoreJson;
import org.muraarena.core.Manifest;
import org.muraarena.http.PageLogin;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.NoWorkerProfile;
import org.muraarena.testing.Polling;
import org.muraarena.testing.QueueFixtures;
import org.muraarena.testing.TestData;

/** Organizer operations through the API and the organizer page, each leaving an audit entry. */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
@TestProfile(NoWorkerProfile.class)
class AdminResourceTest {
    static final String ORGANIZER = "Bearer " + ArenaTestResource.ADMIN_TOKEN;
    static final EvaluationQueue.Capabilities ONNX = new EvaluationQueue.Capabilities(Set.of(Manifest.Kind.ONNX), false);

    @Inject
    EvaluationQueue queue;
    @Inject
    WorkerRegistry registry;
    @Inject
    DatasetService dataset;

    @BeforeEach
    void drain() {
        QueueFixtures.drain();
    }

    @Test
    void cancelAndRequeueAreOrganizerOnlyAndAudited() {
        String team = TeamResourceTest.createTeam("ops-" + System.nanoTime());
        long s = QueueFixtures.upload(team, "to-cancel");
        long e = QueueFixtures.evaluation(s, Phase.DRY_RUN).id;

        given().post("/api/admin/evaluations/" + e + "/cancel").then().statusCode(401);
        given().header("Authorization", "Bearer " + team).post("/api/admin/evaluations/" + e + "/cancel").then().statusCode(403);
        given().header("Authorization", ORGANIZER).post("/api/admin/evaluations/999999/cancel").then().statusCode(404);
        assertEquals(EvaluationStatus.QUEUED, QueueFixtures.evaluation(s, Phase.DRY_RUN).status(), "refused calls change nothing");

        given().header("Authorization", ORGANIZER).post("/api/admin/evaluations/" + e + "/cancel")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("CANCELLED"));
        given().header("Authorization", ORGANIZER).post("/api/admin/evaluations/" + e + "/cancel")
                .then().statusCode(409).body("error", containsString("finished already"));
        given().header("Authorization", "Bearer " + team).get("/api/submissions/" + s)
                .then().body("dryRun.status", org.hamcrest.Matchers.equalTo("CANCELLED"));

        given().header("Authorization", ORGANIZER).post("/api/admin/evaluations/" + e + "/requeue")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("QUEUED"));
        EvaluationQueue.Claim claim = queue.claim("ops-worker", ONNX).orElseThrow();
        assertEquals(e, claim.evaluationId());
        assertTrue(queue.whileOwned(claim, x -> x.transitionTo(EvaluationStatus.SUCCEEDED, Instant.now())));
        given().header("Authorization", ORGANIZER).post("/api/admin/evaluations/" + e + "/requeue")
                .then().statusCode(409).body("error", containsString("re-score instead"));

        JsonPath view = given().header("Authorization", ORGANIZER).get("/api/admin/queue").then().statusCode(200).extract().jsonPath();
        List<String> actions = view.getList("audit.findAll { it.target.startsWith('evaluation " + e + " ') }.action");
        assertEquals(List.of("requeue", "cancel"), actions, "newest first, one entry per change, none for refused calls");
        given().header("Authorization", "Bearer " + team).get("/api/admin/queue").then().statusCode(403);
    }

    @Test
    void rescoreAddsAResultVersionComputedFromTheStoredPredictionsAndCurrentLabels() throws Exception {
        String teamName = "rescore-" + System.nanoTime();
        String team = TeamResourceTest.createTeam(teamName);
        long s = QueueFixtures.upload(team, "rescored");
        EvaluationQueue.Claim dry = queue.claim("w", ONNX).orElseThrow();
        assertTrue(queue.whileOwned(dry, x -> x.transitionTo(EvaluationStatus.SUCCEEDED, Instant.now())));
        given().header("Authorization", "Bearer " + team).contentType("application/json")
                .body("{\"tag\": \"mura-submit\"}").post("/api/submissions/" + s + "/tag").then().statusCode(202);
        EvaluationQueue.Claim hidden = queue.claim("w", ONNX).orElseThrow();

        // Version 1 was scored against other labels (before an organizer fixed them).
        Map<String, Double> images = new HashMap<>();
        StringBuilder csv = new StringBuilder();
        for (String image : Files.readAllLines(TestData.dataset().resolve("MURA-v1.1/test_image_paths.csv"))) {
            double p = Math.floorMod(image.hashCode(), 1000) / 1000.0;
            images.put(image, p);
            csv.append(image).append(',').append(p).append('\n');
        }
        String stale = "0".repeat(64);
        Map<String, Double> unsure = new HashMap<>();
        dataset.truth(Phase.HIDDEN).contents().truth().keySet().forEach(study -> unsure.put(study, 0.5));
        ScoreReport old = new Scorer(AurocBootstrap.DEFAULT).score(dataset.truth(Phase.HIDDEN).contents().truth(), unsure);
        assertTrue(queue.whileOwned(hidden, x -> {
            Result r = new Result();
            r.evaluation = x;
            r.version = 1;
            r.score(old);
            r.predictions = csv.toString();
            r.truthSha256 = stale;
            r.createdAt = Instant.now();
            r.persist();
            x.transitionTo(EvaluationStatus.SUCCEEDED, Instant.now());
        }));

        Polling.released(s);
        String row = "rows.find { it.team == '" + teamName + "' }.kappa";
        assertEquals(0.0f, given().get("/api/leaderboard").jsonPath().getFloat(row), "on the board as scored against the old labels");

        JsonPath first = given().header("Authorization", ORGANIZER).post("/api/admin/rescore")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(first.getInt("rescored") >= 1, first.prettify());
        DatasetService.Truth truth = dataset.truth(Phase.HIDDEN);
        assertEquals(truth.sha256(), first.getString("truthSha256"));
        Result latest = QuarkusTransaction.requiringNew().call(() -> Result.latest(Evaluation.findById(hidden.evaluationId())));
        assertEquals(2, latest.version);
        assertEquals(truth.sha256(), latest.truthSha256);
        ScoreReport expected = new Scorer(AurocBootstrap.DEFAULT).score(truth.contents().truth(),
                StudyProbabilities.fromImages(images, Aggregation.MEAN));
        assertEquals(ScoreJson.write(expected), ScoreJson.write(latest.report), "the new version is the score command's result");
        assertEquals(expected.overall().kappa(), latest.kappa);
        assertEquals(expected.overall().auroc(), latest.auroc);
        assertEquals(Math.round(expected.overall().kappa() * 1000) / 1000.0, given().get("/api/leaderboard").jsonPath().getDouble(row),
                1e-9, "the re-score is on the board for the next reader");
        long versions = QuarkusTransaction.requiringNew().call(() -> Result.count("evaluation.id", hidden.evaluationId()));
        assertEquals(2, versions, "the old version is kept");

        JsonPath second = given().header("Authorization", ORGANIZER).post("/api/admin/rescore").then().statusCode(200).extract().jsonPath();
        assertEquals(0, second.getInt("rescored"), "already scored against these labels");
        assertTrue(second.getInt("unchanged") >= 1);
        given().header("Authorization", "Bearer " + team).post("/api/admin/rescore").then().statusCode(403);
        List<String> audit = given().header("Authorization", ORGANIZER).get("/api/admin/queue").jsonPath()
                .getList("audit.findAll { it.action == 'rescore' }.detail");
        assertTrue(audit.size() >= 2 && audit.get(0).startsWith("0 re-scored"), audit.toString());
    }

    @Test
    void theOrganizerPageShowsQueueWorkersAndAuditAndRefusesCrossSitePosts() {
        String team = TeamResourceTest.createTeam("page-" + System.nanoTime());
        long s = QueueFixtures.upload(team, "on-the-page");
        long e = QueueFixtures.evaluation(s, Phase.DRY_RUN).id;
        String worker = "page-worker-" + System.nanoTime();
        registry.register(worker, "gpu-box-7", 4242, "ONNX,CONTAINER,gpu");
        try {
            organizerPage(team, s, e, worker);
        } finally {
            registry.signOff(worker); // a live GPU worker would change what other tests' uploads are told
        }
    }

    private void organizerPage(String team, long s, long e, String worker) {
        String organizer = PageLogin.session(ArenaTestResource.ADMIN_TOKEN);
        String html = given().cookie(PageLogin.SESSION_COOKIE, organizer).get("/admin")
                .then().statusCode(200).extract().asString();
        assertTrue(html.contains("data-evaluation=\"" + e + "\""), "the queued job is listed");
        assertTrue(html.contains(worker) && html.contains("gpu-box-7 · 4242"), "the worker is listed");
        assertTrue(html.contains("Audit log") && html.contains("create-team"), "the audit log is shown");
        given().cookie(PageLogin.SESSION_COOKIE, PageLogin.session(team)).get("/admin").then().statusCode(404);
        given().redirects().follow(false).get("/admin").then().statusCode(303);

        String csrf = PageLogin.csrfIn(html);
        given().cookie(PageLogin.SESSION_COOKIE, organizer).header("Origin", "https://evil.example").formParam("csrf", csrf)
                .redirects().follow(false).post("/admin/evaluations/" + e + "/cancel").then().statusCode(403);
        given().cookie(PageLogin.SESSION_COOKIE, organizer).formParam("csrf", "mura_forged")
                .redirects().follow(false).post("/admin/evaluations/" + e + "/cancel").then().statusCode(403);
        assertEquals(EvaluationStatus.QUEUED, QueueFixtures.evaluation(s, Phase.DRY_RUN).status());
        given().cookie(PageLogin.SESSION_COOKIE, organizer).formParam("csrf", csrf).redirects().follow(false)
                .post("/admin/evaluations/" + e + "/cancel").then().statusCode(303)
                .header("Location", containsString("done=cancelled"));
        assertEquals(EvaluationStatus.CANCELLED, QueueFixtures.evaluation(s, Phase.DRY_RUN).status());
        assertNotEquals(null, given().cookie(PageLogin.SESSION_COOKIE, organizer).get("/admin?done=cancelled&id=" + e)
                .then().body(containsString("Evaluation " + e + " cancelled.")));
    }
}

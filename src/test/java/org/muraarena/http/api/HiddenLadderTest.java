package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.competition.submission.Result;
import org.muraarena.competition.submission.Submission;
import org.muraarena.core.Aggregation;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.Ladder;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.StudyProbabilities;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;
import org.muraarena.testing.QueueFixtures;

/**
 * The Ladder on the server: a team's released best moves only for a clear improvement, on the release
 * clock. The first result is a real run; the later ones are its stored predictions, perturbed or
 * corrected, recorded as a worker would record them.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class HiddenLadderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNearCopyOfTheBestIsNotReleasedAndAClearlyBetterResultIsOnTheClock() throws Exception {
        String token = TeamResourceTest.createTeam("Ladder Climbers");
        long first = SubmissionResourceTest.upload(token, SubmissionResourceTest.fixture("tiny_dynamic.onnx"),
                SubmissionResourceTest.TINY_MANIFEST).then().statusCode(202).extract().jsonPath().getLong("id");
        assertEquals("SUCCEEDED", SubmissionResourceTest.awaitFinished(token, first, "dryRun").getString("dryRun.status"));
        HiddenEvaluationViewTest.tag(token, first);
        HiddenEvaluationViewTest.pollTeamViews(token, first, "SUCCEEDED");
        JsonNode bestMetrics = teamView(token, first).get("evaluation").get("metrics");
        JsonNode boardBefore = boardRow("Ladder Climbers");
        assertEquals(first, boardBefore.get("submissionId").asLong());

        // A copy of the best, every probability moved by 1e-6, ending 3 s from now: not released before its tick.
        Instant copyEnds = Instant.now().plusSeconds(3);
        long copy = recordHidden(first, "copy-of-best", copyEnds, (image, p) -> Math.min(1.0, p + 1e-6));
        JsonNode early = teamView(token, copy).get("evaluation");
        Instant copyTick = HiddenEvaluationViewTest.tick(copyEnds);
        assertTrue(Instant.now().isBefore(copyTick), "checked before the tick");
        assertEquals("RUNNING", early.get("status").asText(), early.toString());
        assertTrue(early.get("releasedAt").isNull());
        assertEquals(boardBefore, boardRow("Ladder Climbers"));

        Evaluation copied = Polling.released(copy);
        assertTrue(!Instant.now().isBefore(copyTick), "released at or after its tick");
        JsonNode copyView = teamView(token, copy).get("evaluation");
        assertEquals(copyTick.toString(), copyView.get("releasedAt").asText());
        assertFalse(copyView.get("ladder").get("improved").asBoolean(), copyView.toString());
        assertEquals(bestMetrics, copyView.get("metrics"), "the released best stays as it was");
        assertEquals(boardBefore, boardRow("Ladder Climbers"), "the board keeps the best");
        notice("perturbed copy", copied, first, copy);

        // A clearly better result: every study's images called right.
        long better = recordHidden(first, "clearly-better", Instant.now(), this::truthful);
        Evaluation improved = Polling.released(better);
        JsonNode betterView = teamView(token, better).get("evaluation");
        assertTrue(betterView.get("ladder").get("improved").asBoolean(), betterView.toString());
        ScoreReport stored = QuarkusTransaction.requiringNew().call(() -> Result.latest(QueueFixtures.evaluation(better, Phase.HIDDEN)).report);
        HiddenEvaluationViewTest.assertReleasedNumbersAreTheStoredOnesRounded(stored, betterView.get("metrics"));
        JsonNode boardAfter = boardRow("Ladder Climbers");
        assertEquals(better, boardAfter.get("submissionId").asLong());
        assertEquals(Math.round(stored.overall().kappa() * 1000) / 1000.0, boardAfter.get("kappa").asDouble(), 1e-12,
                "the board shows the released numbers, rounded");
        assertEquals(betterView.get("metrics").get("by_type"), boardAfter.get("by_type"));
        notice("clearly better", improved, first, better);

        JsonNode organizer = HiddenEvaluationViewTest.organizerView(copy).get("release");
        assertFalse(organizer.get("improved").asBoolean());
        assertNotNull(organizer.get("standardError").numberValue());
        assertTrue(organizer.get("replicates").asInt() > 900, organizer.toString());
    }

    /** Records a hidden success for a new submission of the same team, ending at {@code finishedAt}. */
    private static long recordHidden(long sourceId, String model, Instant finishedAt, BiFunction<String, Double, Double> change) {
        DatasetService dataset = Arc.container().instance(DatasetService.class).get();
        DatasetService.Truth truth = dataset.truth(Phase.HIDDEN);
        return QuarkusTransaction.requiringNew().call(() -> {
            Submission source = Submission.findById(sourceId);
            Result best = Result.latest(Evaluation.<Evaluation>find("submission = ?1 and phase = ?2", source, Phase.HIDDEN).firstResult());
            Map<String, Double> images = new TreeMap<>();
            try {
                PredictionsCsv.parse(best.predictions, "stored", null).values().forEach((image, p) -> images.put(image, change.apply(image, p)));
            } catch (org.muraarena.scoring.BadInputException ex) {
                throw new IllegalStateException(ex);
            }
            Submission s = new Submission();
            s.team = source.team;
            s.kind = source.kind;
            s.modelName = model;
            s.manifest = source.manifest;
            s.sha256 = source.sha256;
            s.sizeBytes = source.sizeBytes;
            s.createdAt = Instant.now();
            s.taggedAt = Instant.now();
            s.persist();
            Evaluation e = new Evaluation();
            e.submission = s;
            e.phase = Phase.HIDDEN;
            e.transitionTo(EvaluationStatus.QUEUED, Instant.now());
            e.transitionTo(EvaluationStatus.RUNNING, Instant.now());
            e.transitionTo(EvaluationStatus.SUCCEEDED, finishedAt);
            e.persist();
            Result r = new Result();
            r.evaluation = e;
            r.version = 1;
            r.score(new Scorer(AurocBootstrap.DEFAULT).score(truth.contents().truth(),
                    StudyProbabilities.fromImages(images, Aggregation.MEAN)));
            r.predictions = PredictionsCsv.write(images);
            r.truthSha256 = truth.sha256();
            r.createdAt = finishedAt;
            r.persist();
            return s.id;
        });
    }

    private double truthful(String image, Double p) {
        DatasetService.Truth truth = Arc.container().instance(DatasetService.class).get().truth(Phase.HIDDEN);
        return truth.contents().truth().get(StudyProbabilities.studyOf(image)).gold() == 1 ? 0.9 : 0.1;
    }

    private static JsonNode teamView(String token, long id) throws Exception {
        return JSON.readTree(given().header("Authorization", "Bearer " + token).get("/api/submissions/" + id)
                .then().statusCode(200).extract().asString());
    }

    private static JsonNode boardRow(String team) throws Exception {
        for (JsonNode row : JSON.readTree(given().get("/api/leaderboard").then().statusCode(200).extract().asString()).get("rows")) {
            if (row.get("team").asText().equals(team)) {
                return row;
            }
        }
        throw new AssertionError(team + " is not on the board");
    }

    /** The figures the issue asks for, and the time one decision takes here on the stored predictions. */
    private static void notice(String what, Evaluation e, long bestId, long candidateId) throws Exception {
        DatasetService.Truth truth = Arc.container().instance(DatasetService.class).get().truth(Phase.HIDDEN);
        Map<String, Double> best = studies(bestId);
        Map<String, Double> candidate = studies(candidateId);
        long start = System.nanoTime();
        Ladder.Decision again = Ladder.DEFAULT.decide(truth.contents().truth(), best, candidate);
        double millis = (System.nanoTime() - start) / 1e6;
        assertEquals(e.ladderImproved, again.improved(), "the stored decision is the Ladder's");
        System.out.printf("NOTICE: Ladder on the %s: improved %s, kappa %.6f vs best %.6f, difference %.6f, SE %.6f, %d replicates, %.1f ms to decide%n",
                what, e.ladderImproved, e.ladderKappaCandidate, e.ladderKappaBest, e.ladderDifference, e.ladderStandardError,
                e.ladderReplicates, millis);
    }

    private static Map<String, Double> studies(long submissionId) throws Exception {
        String predictions = QuarkusTransaction.requiringNew().call(() -> Result.latest(QueueFixtures.evaluation(submissionId, Phase.HIDDEN)).predictions);
        return StudyProbabilities.fromImages(PredictionsCsv.parse(predictions, "stored", null).values(), Aggregation.MEAN);
    }
}

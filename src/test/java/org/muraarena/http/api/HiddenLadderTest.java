package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.Result;
import org.muraarena.core.Aggregation;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.dataset.baseline.BaselineModel;
import org.muraarena.dataset.synth.DetectorWeights;
import org.muraarena.scoring.Ladder;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.StudyProbabilities;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;
import org.muraarena.testing.QueueFixtures;

/**
 * The Ladder on real hidden runs through the real server (real PostgreSQL, ONNX Runtime in a child
 * JVM, the 207 hidden studies): a team's first result, the shipped baseline, is released as its best;
 * a copy whose every prediction moves by at most 1e-6 is not; a clearly better model is, with the
 * stored numbers rounded, and the board follows. The models are the baseline's graph written by
 * {@link BaselineModel} with another bias before the Sigmoid.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class HiddenLadderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEAM = "Ladder Climbers";
    /** Moves each logit by 4e-6, so each probability p by 4e-6·p(1−p) ≤ 1e-6. */
    private static final float NUDGE = 4e-6f;
    /**
     * On the tests' synthetic hidden set the baseline calls too few studies abnormal: one logit more
     * (bias −0.5 for −1.5) raises kappa from about 0.69 to 0.79, some two standard errors.
     */
    private static final float BETTER = 1f;
    /** A hidden run of the baseline takes some 20 s on an idle machine; a loaded one may take far longer. */
    private static final Duration RUN = Duration.ofMinutes(10);

    @Test
    void aNearCopyOfTheBestIsNotReleasedAndAClearlyBetterModelIs() throws Exception {
        String token = TeamResourceTest.createTeam(TEAM);
        float bias = DetectorWeights.gemmBias();

        long best = hiddenRun(token, "baseline", BaselineModel.bytes());
        JsonNode first = released(token, best);
        assertTrue(first.get("ladder").get("improved").asBoolean(), "a team's first released result is its best: " + first);
        HiddenEvaluationViewTest.assertReleasedNumbersAreTheStoredOnesRounded(stored(best), first.get("metrics"));
        assertEquals(0, release(best).get("replicates").asInt(), "nothing to compare the first result with");
        JsonNode boardBefore = boardRow();
        assertEquals(best, boardBefore.get("submissionId").asLong());

        long copy = hiddenRun(token, "baseline-nudged", BaselineModel.withBias(bias + NUDGE));
        JsonNode kept = released(token, copy);
        double shift = largestShift(best, copy);
        assertTrue(shift > 0 && shift <= 1.5e-6, "the copy's predictions move, by about 1e-6 at most: " + shift);
        assertFalse(kept.get("ladder").get("improved").asBoolean(), kept.toString());
        assertEquals(first.get("metrics"), kept.get("metrics"), "the released best stays as it was");
        assertEquals(boardBefore, boardRow(), "the board keeps the best");
        notice("copy nudged by 1e-6 (largest image shift " + shift + ")", best, copy);

        long better = hiddenRun(token, "baseline-recalibrated", BaselineModel.withBias(bias + BETTER));
        JsonNode improved = released(token, better);
        assertTrue(improved.get("ladder").get("improved").asBoolean(), improved + "\n" + release(better));
        ScoreReport betterReport = stored(better);
        HiddenEvaluationViewTest.assertReleasedNumbersAreTheStoredOnesRounded(betterReport, improved.get("metrics"));
        JsonNode boardAfter = boardRow();
        assertEquals(better, boardAfter.get("submissionId").asLong());
        assertEquals(Math.round(betterReport.overall().kappa() * 1000) / 1000.0, boardAfter.get("kappa").asDouble(), 1e-12,
                "the board shows the released numbers, rounded");
        assertEquals(improved.get("metrics").get("by_type"), boardAfter.get("by_type"));
        notice("clearly better model", best, better);
        assertEquals(best, release(copy).get("bestSubmissionId").asLong(), "the baseline stayed the best");
        assertEquals(better, release(better).get("bestSubmissionId").asLong(), "the better model is the new best");
    }

    /** Uploads a model of the team, waits for its dry run to pass, tags it; returns the submission's id. */
    private static long hiddenRun(String token, String model, byte[] onnx) {
        String manifest = BaselineModel.MANIFEST.replace("simple-detector-baseline", model);
        long id = SubmissionResourceTest.upload(token, onnx, manifest).then().statusCode(202).extract().jsonPath().getLong("id");
        assertEquals("SUCCEEDED", Polling.finished(token, id, "dryRun", RUN).getString("dryRun.status"));
        HiddenEvaluationViewTest.tag(token, id);
        return id;
    }

    /** The team's view of the hidden run once released (a success), after only QUEUED/RUNNING views without outcome. */
    private static JsonNode released(String token, long id) {
        List<JsonNode> seen = HiddenEvaluationViewTest.pollTeamViews(token, id, "SUCCEEDED", RUN);
        for (JsonNode view : seen.subList(0, seen.size() - 1)) {
            JsonNode hidden = view.get("evaluation");
            assertTrue(List.of("QUEUED", "RUNNING").contains(hidden.get("status").asText()), view.toString());
            assertTrue(hidden.get("releasedAt").isNull() && hidden.get("ladder") == null && hidden.get("metrics") == null, view.toString());
        }
        JsonNode last = seen.get(seen.size() - 1).get("evaluation");
        Evaluation e = QueueFixtures.evaluation(id, Phase.HIDDEN);
        assertEquals(HiddenEvaluationViewTest.tick(e.finishedAt).toString(), last.get("releasedAt").asText(), "released at its tick");
        assertNull(seen.get(seen.size() - 1).get("release"), "the Ladder's numbers are the organizer's");
        return last;
    }

    private static JsonNode release(long id) throws Exception {
        return HiddenEvaluationViewTest.organizerView(id).get("release");
    }

    private static ScoreReport stored(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Result.latest(QueueFixtures.evaluation(id, Phase.HIDDEN)).report);
    }

    private static JsonNode boardRow() throws Exception {
        for (JsonNode row : JSON.readTree(given().get("/api/leaderboard").then().statusCode(200).extract().asString()).get("rows")) {
            if (row.get("team").asText().equals(TEAM)) {
                return row;
            }
        }
        throw new AssertionError(TEAM + " is not on the board");
    }

    /** The largest change of an image's stored probability from one hidden run to the other. */
    private static double largestShift(long from, long to) throws Exception {
        Map<String, Double> a = images(from);
        Map<String, Double> b = images(to);
        assertEquals(a.keySet(), b.keySet());
        return a.keySet().stream().mapToDouble(image -> Math.abs(a.get(image) - b.get(image))).max().orElseThrow();
    }

    private static Map<String, Double> images(long submissionId) throws Exception {
        String predictions = QuarkusTransaction.requiringNew().call(() -> Result.latest(QueueFixtures.evaluation(submissionId, Phase.HIDDEN)).predictions);
        return PredictionsCsv.parse(predictions, "stored", null).values();
    }

    /** The Ladder's figures for the record, as stored and as recomputed here (with the time one decision takes). */
    private static void notice(String what, long bestId, long candidateId) throws Exception {
        JsonNode r = release(candidateId);
        DatasetService.Truth truth = Arc.container().instance(DatasetService.class).get().truth(Phase.HIDDEN);
        Map<String, Double> best = StudyProbabilities.fromImages(images(bestId), Aggregation.MEAN);
        Map<String, Double> candidate = StudyProbabilities.fromImages(images(candidateId), Aggregation.MEAN);
        long start = System.nanoTime();
        Ladder.Decision again = Ladder.DEFAULT.decide(truth.contents().truth(), best, candidate);
        double millis = (System.nanoTime() - start) / 1e6;
        assertEquals(r.get("improved").asBoolean(), again.improved(), "the stored decision is the Ladder's");
        assertEquals(r.get("standardError").asDouble(), again.standardError(), 1e-12);
        assertTrue(r.get("replicates").asInt() > 900, r.toString());
        System.out.printf("NOTICE: Ladder on the %s: improved %s, kappa %.6f vs best %.6f, difference %.6f, SE %.6f, "
                + "%d replicates, %.1f ms to decide here%n", what,
                r.get("improved").asBoolean(), r.get("kappaCandidate").asDouble(), r.get("kappaBest").asDouble(),
                r.get("difference").asDouble(), r.get("standardError").asDouble(), r.get("replicates").asInt(), millis);
    }
}

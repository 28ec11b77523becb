package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.ManifestCodec;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;
import org.muraarena.testing.QueueFixtures;

/**
 * Hidden runs have slots of their own (arena.worker.hidden-slots, default 1): a team's dry run does
 * not wait for its hidden run to end, so the dry run's start no longer tells the team when its hidden
 * run ended (before its release tick). With one shared slot it did: the dry run started 21 ms after.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class HiddenSlotTest {
    @Inject
    DatasetService dataset;

    @Test
    void aDryRunStartsWhileTheTeamsSlowHiddenRunStillRuns() throws Exception {
        String team = TeamResourceTest.createTeam("Two Slots " + System.nanoTime());
        ImageBrightness data = ImageBrightness.of(dataset, ManifestCodec.parse(SubmissionResourceTest.TINY_MANIFEST).input());
        // Slow only on bright images, which only the hidden set has: its dry run is quick, its hidden run is not.
        byte[] slowOnHidden = ProbeModels.loopAbove(data.brightThreshold(3), 400_000f);
        long probe = SubmissionResourceTest.upload(team, slowOnHidden, SubmissionResourceTest.TINY_MANIFEST)
                .then().statusCode(202).extract().jsonPath().getLong("id");
        assertEquals("SUCCEEDED", SubmissionResourceTest.awaitFinished(team, probe, "dryRun").getString("dryRun.status"));
        given().header("Authorization", "Bearer " + team).contentType("application/json").body("{\"tag\": \"mura-submit\"}")
                .post("/api/submissions/" + probe + "/tag").then().statusCode(202);
        Polling.evaluation(probe, Phase.HIDDEN, Duration.ofSeconds(120), "the hidden run starts",
                e -> e.status() != EvaluationStatus.QUEUED);

        long next = QueueFixtures.upload(team, "next");
        Evaluation dry = Polling.evaluation(next, Phase.DRY_RUN, Duration.ofSeconds(120), "the next dry run starts",
                e -> e.startedAt != null);
        Evaluation hidden = Polling.evaluation(probe, Phase.HIDDEN, Duration.ofSeconds(300), "the hidden run ends",
                e -> e.finishedAt != null);

        System.out.printf("NOTICE: the dry run started %d ms before the hidden run ended (hidden run: %d ms)%n",
                Duration.between(dry.startedAt, hidden.finishedAt).toMillis(),
                Duration.between(hidden.startedAt, hidden.finishedAt).toMillis());
        assertTrue(dry.startedAt.isBefore(hidden.finishedAt),
                "the dry run did not wait for the hidden run: started " + dry.startedAt + ", hidden ended " + hidden.finishedAt);
    }
}

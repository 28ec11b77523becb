package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.Phase;
import org.muraarena.sandbox.container.Engine;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;
import org.muraarena.testing.QueueFixtures;

/**
 * Two container submissions that a hostile team could use to read the hidden set through the way a
 * run fails (issue #9, pair c), through the real server and the real engine: both pass their dry runs
 * with equal metrics, and on the hidden set one exits with code 7 and the other exits 0 without
 * output ({@code sandbox/adversarial/hidden-*}). Every document and page each team can fetch, polled
 * each second while the hidden runs wait, run and are released, and after, is the same for both
 * once names, ids, hashes, sizes and times are masked; the organizer sees exit code 7 against 0.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
@TestProfile(ContainerSubmissionEndToEndTest.LargeContainerUploads.class)
class HiddenContainerPairTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST = "{\"name\": \"%s\", \"kind\": \"container\", \"gpu\": false}";
    /** Loading a 200 MiB image and running it on a loaded 2-core machine: generous. */
    private static final Duration RUN = Duration.ofMinutes(8);
    private static final int ROUNDS_AFTER = 3;
    /** Where every version of every document each team saw is written, to read after a run. */
    private static final Path EVIDENCE = Path.of("target", "hidden-container-pair");

    /** Other classes' leftovers would hold the worker's slots. */
    @BeforeEach
    @AfterEach
    void emptyQueue() {
        QueueFixtures.drain();
    }

    @Test
    void exitCodeSevenAndExitZeroWithoutOutputOnHiddenRowsLookTheSameToTheirTeams() throws Exception {
        Engine.reachableOrSkip();
        Path seven = Engine.image("hidden-exit-7.tar");
        Path zero = Engine.image("hidden-no-output.tar");
        String a = TeamResourceTest.createTeam("Pair Seven");
        String b = TeamResourceTest.createTeam("Pair Zero");
        long idA = upload(a, seven, "fails-with-seven");
        long idB = upload(b, zero, "fails-silently");
        JsonNode dryA = JSON.readTree(Polling.finished(a, idA, "dryRun", RUN).prettify()).get("dryRun");
        JsonNode dryB = JSON.readTree(Polling.finished(b, idB, "dryRun", RUN).prettify()).get("dryRun");
        assertEquals("SUCCEEDED", dryA.get("status").asText(), dryA.toString());
        assertEquals("SUCCEEDED", dryB.get("status").asText(), dryB.toString());
        assertEquals(dryA.get("metrics"), dryB.get("metrics"), "on the sample set the two behave alike");

        // A hidden run reads RUNNING from its tag until its release (never QUEUED: the queue would time it).
        HiddenEvaluationViewTest.tag(a, idA);
        HiddenEvaluationViewTest.tag(b, idB);
        PolledDocuments docsA = new PolledDocuments(a, idA);
        PolledDocuments docsB = new PolledDocuments(b, idB);
        int[] roundsAfter = {0};
        PolledDocuments.pollEachSecond(RUN, "both hidden runs released as failed, then " + ROUNDS_AFTER + " rounds more", () ->
                docsA.hiddenStatus().equals("FAILED") && docsB.hiddenStatus().equals("FAILED") && ++roundsAfter[0] > ROUNDS_AFTER, docsA, docsB);

        docsA.write(EVIDENCE.resolve("exit-7"));
        docsB.write(EVIDENCE.resolve("no-output"));
        assertEquals(List.of("RUNNING", "FAILED"), docsA.hiddenStatuses(), "what team A saw of its hidden run");
        assertTrue(docsA.versions.equals(docsB.versions), "what the two teams saw differs (all of it is in " + EVIDENCE + "): "
                + PolledDocuments.differences(docsA, docsB));
        JsonNode last = JSON.readTree(given().header("Authorization", "Bearer " + a).get("/api/submissions/" + idA).asString());
        assertEquals(Set.of("status", "taggedAt", "releasedAt"), HiddenEvaluationViewTest.keyPaths(last.get("evaluation")), last.toString());
        assertTrue(last.get("error").asText().contains("dry run is the place to debug"), last.toString());

        JsonNode organizerA = HiddenEvaluationViewTest.organizerView(idA).get("evaluation");
        JsonNode organizerB = HiddenEvaluationViewTest.organizerView(idB).get("evaluation");
        assertEquals("EXIT_CODE", organizerA.get("failureClass").asText(), organizerA.toString());
        assertEquals("exit code 7", organizerA.get("error").asText());
        assertTrue(organizerA.get("log").asText().contains("exited with code 7"), organizerA.get("log").asText());
        assertEquals("INVALID_OUTPUT", organizerB.get("failureClass").asText(), organizerB.toString());
        assertTrue(organizerB.get("log").asText().contains("exited with code 0"), organizerB.get("log").asText());
        assertFalse(organizerB.get("finishedAt").isNull());
        System.out.printf("NOTICE: hidden container pair: %d distinct versions of %d documents per team, alike; organizer sees %s / %s%n",
                docsA.versions.values().stream().mapToInt(List::size).sum(), docsA.versions.size(), organizerA.get("error").asText(), organizerB.get("error").asText());
    }

    private static long upload(String token, Path tarball, String model) {
        return given().header("Authorization", "Bearer " + token)
                .multiPart("artifact", tarball.toFile(), "application/x-tar").multiPart("manifest", MANIFEST.formatted(model))
                .when().post("/api/submissions").then().statusCode(202).extract().jsonPath().getLong("id");
    }
}

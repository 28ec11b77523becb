package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.cli.DryRunCommandTest;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.Result;
import org.muraarena.core.Phase;
import org.muraarena.scoring.json.ScoreJson;
import org.muraarena.testing.QueueFixtures;
import org.muraarena.testing.TestData;
import org.muraarena.sandbox.container.Engine;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;

/**
 * A team's container through the real server and the real engine: upload the example image's
 * gzipped {@code docker save}, its dry run passes with its log visible, the tag runs the hidden
 * set (207 studies) and the team reaches the leaderboard. The team's {@code dry-run --image} of the
 * same tarball gives the server's dry-run metrics.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
@TestProfile(ContainerSubmissionEndToEndTest.LargeContainerUploads.class)
class ContainerSubmissionEndToEndTest {
    @TempDir
    Path scratch;

    /** The real example image is some 70 MiB gzipped: the usual container cap (10 GiB) applies. */
    public static class LargeContainerUploads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arena.uploads.max-container-bytes", "10737418240");
        }
    }

    @Test
    void theExampleContainerPassesItsDryRunThenItsHiddenRunAndReachesTheLeaderboard() throws Exception {
        Engine.reachableOrSkip();
        Path tarball = Engine.image("example.tar.gz");
        String manifest = Files.readString(Path.of("submissions/example-container/manifest.json"));
        String token = TeamResourceTest.createTeam("Boxed Predictors");
        long id = given().header("Authorization", "Bearer " + token)
                .multiPart("artifact", tarball.toFile(), "application/gzip").multiPart("manifest", manifest)
                .when().post("/api/submissions").then().statusCode(202)
                .body("kind", org.hamcrest.Matchers.equalTo("CONTAINER")).extract().jsonPath().getLong("id");

        JsonPath dry = Polling.finished(token, id, "dryRun", Duration.ofSeconds(300));
        assertEquals("SUCCEEDED", dry.getString("dryRun.status"), dry.prettify());
        assertEquals(28, dry.getInt("dryRun.metrics.overall.n"));
        assertEquals("docker", dry.getString("dryRun.provider"));
        assertEquals(dry.getInt("dryRun.progress.total"), dry.getInt("dryRun.progress.done"));
        assertTrue(dry.getString("dryRun.log").contains("predict.py:"), dry.getString("dryRun.log"));
        assertTrue(dry.getDouble("dryRun.compute.cpuSeconds") > 0, dry.prettify()); // the container's cgroup
        assertNull(dry.get("dryRun.compute.gpuSeconds"), "no GPU asked for");
        // Its gallery has no maps (a container cannot be run on occluded images): the picked studies'
        // radiographs and probabilities, four right and four wrong where the sample set allows.
        assertEquals("DONE", dry.getString("dryRun.explanationProgress.state"), dry.prettify());
        java.util.List<java.util.Map<String, Object>> gallery = dry.getList("dryRun.explanations");
        assertTrue(gallery.size() >= 4 && gallery.size() <= 8, dry.prettify());
        assertNull(dry.get("dryRun.reliable"), "no maps, nothing to check");
        for (java.util.Map<String, Object> shot : gallery) {
            assertNull(shot.get("overlayUrl"), shot.toString());
            assertNull(shot.get("mapUrl"), shot.toString());
            byte[] radiograph = given().header("Authorization", "Bearer " + token).get((String) shot.get("imageUrl"))
                    .then().statusCode(200).extract().asByteArray();
            assertNotNull(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(radiograph)), shot.toString());
        }
        // The team's offline dry run of the same tarball, on the same engine and sample set, scores the same.
        Evaluation serverDryRun = QueueFixtures.evaluation(id, Phase.DRY_RUN);
        String stored = QuarkusTransaction.requiringNew().call(() -> ScoreJson.write(Result.latest(serverDryRun).report));
        DryRunCommandTest.Result local = DryRunCommandTest.dryRun(scratch.resolve("data"), "--image", tarball.toString(),
                "--manifest", Path.of("submissions/example-container/manifest.json").toString(), "--data", TestData.dataset().toString());
        assertEquals(0, local.status(), local.err());
        assertEquals(stored, ScoreJson.write(ScoreJson.read(local.out())));
        assertTrue(local.err().contains("on docker"), local.err());

        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{\"tag\": \"mura-submit\"}")
                .when().post("/api/submissions/" + id + "/tag").then().statusCode(202);
        JsonPath hidden = Polling.finished(token, id, "evaluation", Duration.ofSeconds(300));
        assertEquals("SUCCEEDED", hidden.getString("evaluation.status"), hidden.prettify());
        assertNotNull(hidden.get("evaluation.metrics.overall.kappa"), hidden.prettify());
        assertNull(hidden.get("evaluation.metrics.overall.n"), "a team never sees hidden counts");
        assertNull(hidden.get("evaluation.log"), "a team never sees its hidden log");
        assertNull(hidden.get("evaluation.compute"), "a team never sees its hidden run's compute");
        JsonPath organizer = given().header("Authorization", "Bearer " + ArenaTestResource.ADMIN_TOKEN)
                .get("/api/submissions/" + id).then().statusCode(200).extract().jsonPath();
        assertTrue(organizer.getDouble("evaluation.compute.cpuSeconds") > 0, organizer.prettify());
        System.out.printf(java.util.Locale.ROOT, "COMPUTE example container via the server: dry run %.3f CPU s, hidden run %.3f CPU s%n",
                organizer.getDouble("dryRun.compute.cpuSeconds"), organizer.getDouble("evaluation.compute.cpuSeconds"));

        given().get("/api/leaderboard").then().statusCode(200).body("rows.team", hasItem("Boxed Predictors"));
    }
}

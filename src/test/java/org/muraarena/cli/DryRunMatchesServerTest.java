package org.muraarena.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.Result;
import org.muraarena.core.Phase;
import org.muraarena.http.api.TeamResourceTest;
import org.muraarena.scoring.json.ScoreJson;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;
import org.muraarena.testing.QueueFixtures;
import org.muraarena.testing.TestData;

/**
 * The offline {@code dry-run} and the server's dry run of the same model on the same sample set
 * (the tests' dataset, which the server uses) give the same metrics, bit for bit: the stored
 * result's JSON and the command's stdout, both through the one codec, are the same text.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class DryRunMatchesServerTest {
    @TempDir
    Path dir;

    /** The server's stored metrics of the submission's dry run, once it SUCCEEDED. */
    private static String serverDryRun(String name, Path model, String manifest) {
        String token = TeamResourceTest.createTeam(name);
        long id = given().header("Authorization", "Bearer " + token)
                .multiPart("artifact", model.toFile(), "application/octet-stream").multiPart("manifest", manifest)
                .when().post("/api/submissions").then().statusCode(202).extract().jsonPath().getLong("id");
        JsonPath view = Polling.finished(token, id, "dryRun", Duration.ofSeconds(180));
        assertEquals("SUCCEEDED", view.getString("dryRun.status"), view.prettify());
        Evaluation dryRun = QueueFixtures.evaluation(id, Phase.DRY_RUN);
        return QuarkusTransaction.requiringNew().call(() -> ScoreJson.write(Result.latest(dryRun).report));
    }

    private DryRunCommandTest.Result command(Path model, Path manifest, String... more) {
        String[] args = {"--model", model.toString(), "--manifest", manifest.toString(), "--data", TestData.dataset().toString()};
        return DryRunCommandTest.dryRun(dir.resolve("data"), concat(args, more));
    }

    @Test
    void theBaselineScoresExactlyAsTheServersDryRunAndItsReportCarriesEverything() throws Exception {
        Path model = Path.of("submissions/baseline/baseline.onnx");
        Path manifest = Path.of("submissions/baseline/manifest.json");
        String server = serverDryRun("Local Baseline", model, Files.readString(manifest));
        Path report = dir.resolve("baseline.html");

        DryRunCommandTest.Result local = command(model, manifest, "--report", report.toString());

        assertEquals(0, local.status(), local.err());
        assertEquals(server, ScoreJson.write(ScoreJson.read(local.out())), "the same metrics as the server's dry run");
        assertTrue(local.err().contains("[arena] DRY_RUN on the sample set"), local.err());
        assertTrue(local.err().contains("75 / 75 images"), "progress is shown: " + local.err());
        String html = Files.readString(report);
        for (String part : new String[] {"simple-detector-baseline", "<table class=\"metrics\">", "All studies", "Elbow", "Wrist",
                "<polyline class=\"curve\" points=\"44.0,216.0 ", "ROC curve on 28 sample studies", "onnxruntime-cpu", ":root {"}) {
            assertTrue(html.contains(part), part + " not in the report");
        }
        assertFalse(html.matches("(?s).*(<script|<link|<img|\\ssrc=|\\shref=|url\\().*"), "self-contained: nothing to fetch");
    }

    @Test
    void aSecondModelScoresExactlyAsTheServersDryRun() throws Exception {
        Path model = DryRunCommandTest.fixture(dir, "tiny_dynamic.onnx");
        Path manifest = Files.writeString(dir.resolve("tiny.json"), DryRunCommandTest.TINY_MANIFEST);
        String server = serverDryRun("Local Tiny", model, DryRunCommandTest.TINY_MANIFEST);

        DryRunCommandTest.Result local = command(model, manifest);

        assertEquals(0, local.status(), local.err());
        assertEquals(server, ScoreJson.write(ScoreJson.read(local.out())));
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

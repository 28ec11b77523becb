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
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.Result;
import org.muraarena.core.Phase;
import org.muraarena.http.PageLogin;
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

    /** A submission's dry run on the server, once it SUCCEEDED: its id, the team's token, the stored metrics. */
    private record ServerRun(long id, String token, String metrics) {
    }

    private static ServerRun serverDryRun(String name, Path model, String manifest) {
        String token = TeamResourceTest.createTeam(name);
        long id = given().header("Authorization", "Bearer " + token)
                .multiPart("artifact", model.toFile(), "application/octet-stream").multiPart("manifest", manifest)
                .when().post("/api/submissions").then().statusCode(202).extract().jsonPath().getLong("id");
        JsonPath view = Polling.finished(token, id, "dryRun", Duration.ofSeconds(180));
        assertEquals("SUCCEEDED", view.getString("dryRun.status"), view.prettify());
        Evaluation dryRun = QueueFixtures.evaluation(id, Phase.DRY_RUN);
        return new ServerRun(id, token, QuarkusTransaction.requiringNew().call(() -> ScoreJson.write(Result.latest(dryRun).report)));
    }

    private DryRunCommandTest.Result command(Path model, Path manifest, String... more) {
        String[] args = {"--model", model.toString(), "--manifest", manifest.toString(), "--data", TestData.dataset().toString()};
        return DryRunCommandTest.dryRun(dir.resolve("data"), concat(args, more));
    }

    @Test
    void theBaselineScoresExactlyAsTheServersDryRunAndItsReportCarriesEverything() throws Exception {
        Path model = Path.of("submissions/baseline/baseline.onnx");
        Path manifest = Path.of("submissions/baseline/manifest.json");
        ServerRun server = serverDryRun("Local Baseline", model, Files.readString(manifest));
        Path report = dir.resolve("baseline.html");

        DryRunCommandTest.Result local = command(model, manifest, "--report", report.toString());

        assertEquals(0, local.status(), local.err());
        assertEquals(server.metrics(), ScoreJson.write(ScoreJson.read(local.out())), "the same metrics as the server's dry run");
        assertTrue(local.err().contains("[arena] DRY_RUN on the sample set"), local.err());
        assertTrue(local.err().contains("75 / 75 images"), "progress is shown: " + local.err());
        String html = Files.readString(report);
        for (String part : new String[] {"simple-detector-baseline", "<table class=\"metrics\">", "All studies", "Elbow", "Wrist",
                "<polyline class=\"curve\" points=\"44.0,216.0 ", "ROC curve on 28 sample studies", "onnxruntime-cpu", ":root {"}) {
            assertTrue(html.contains(part), part + " not in the report");
        }
        // Self-contained: the script is inline and every picture a data URI; nothing is fetched.
        assertFalse(html.matches("(?s).*(<script\\s[^>]*src|<link|\\shref=\"(?!#)|url\\().*"), "self-contained: nothing to fetch");
        assertFalse(html.matches("(?s).*\\s(src|data-other)=\"(?!data:image/png;base64,).*"), "every picture inlined");

        // The gallery: the same eight studies as the server's dry run explains, each with its map.
        assertTrue(local.err().contains("dry-run: explanations 8 studies, maps "), local.err());
        assertTrue(html.contains("Correct reasoning") && html.contains("Wrong reasoning"), "the gallery is in the report");
        assertEquals(8, html.split("<figure class=\"shot", -1).length - 1, "eight explanations");
        assertEquals(8, html.split("<img src=\"data:image/png;base64,", -1).length - 1, "each with its overlay");
        List<String> localStudies = java.util.regex.Pattern.compile("<span class=\"path\">([^<]+)</span>").matcher(html).results()
                .map(m -> m.group(1)).toList();
        Polling.upTo(java.time.Duration.ofSeconds(120), "the server's explanations").until(() -> given()
                .header("Authorization", "Bearer " + server.token()).get("/api/submissions/" + server.id()).then().extract()
                .jsonPath().getString("dryRun.explanationProgress.state"), "DONE"::equals);
        JsonPath view = given().header("Authorization", "Bearer " + server.token()).get("/api/submissions/" + server.id())
                .then().extract().jsonPath();
        assertEquals(view.getList("dryRun.explanations.study"), localStudies, "the same studies, in the same order");

        // The calls summary: the one tag, the same section as on the server's page of that dry run.
        String summary = summarySection(html);
        for (String part : new String[] {"title=\"true positives\">", "title=\"true negatives\">", "<dt>Accuracy</dt><dd>",
                "<dt>Kappa</dt><dd>", "so a model that calls every study", "<svg viewBox=\"0 0 380 176\""}) {
            assertTrue(summary.contains(part), part + " not in the report's summary: " + summary);
        }
        assertEquals(7, summary.split("<g class=\"bar ", -1).length - 1, "one bar per type");
        String page = given().cookie(PageLogin.SESSION_COOKIE, PageLogin.session(server.token())).when()
                .get("/submissions/" + server.id()).then().statusCode(200).extract().asString();
        assertEquals(summarySection(page), summary);
    }

    private static String summarySection(String html) {
        int start = html.indexOf("<section class=\"dry-summary\"");
        assertTrue(start >= 0, "no summary in " + html);
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void aSecondModelScoresExactlyAsTheServersDryRun() throws Exception {
        Path model = DryRunCommandTest.fixture(dir, "tiny_dynamic.onnx");
        Path manifest = Files.writeString(dir.resolve("tiny.json"), DryRunCommandTest.TINY_MANIFEST);
        String server = serverDryRun("Local Tiny", model, DryRunCommandTest.TINY_MANIFEST).metrics();

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

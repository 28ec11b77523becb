package org.muraarena.worker;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.Explanation;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.dataset.baseline.BaselineModel;
import org.muraarena.http.api.TeamResourceTest;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;
import org.muraarena.testing.QueueFixtures;

/**
 * The baseline's dry run through the real worker and ONNX sandbox: eight explanations (four right,
 * four wrong) whose overlay and map are PNGs of the radiograph's size, for its team and the
 * organizer only; its hidden run has none.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class DryRunExplanationsTest {
    @Inject
    DatasetService dataset;

    @Test
    void theBaselinesDryRunExplainsEightStudiesForItsTeamOnlyAndItsHiddenRunNone() throws Exception {
        String team = TeamResourceTest.createTeam("Occluded Olecranon " + System.nanoTime());
        String other = TeamResourceTest.createTeam("Curious Carpals " + System.nanoTime());
        long id = given().header("Authorization", "Bearer " + team)
                .multiPart("artifact", "baseline.onnx", BaselineModel.bytes(), "application/octet-stream")
                .multiPart("manifest", BaselineModel.MANIFEST)
                .when().post("/api/submissions").then().statusCode(202).extract().jsonPath().getLong("id");
        JsonPath view = Polling.upTo(Duration.ofSeconds(240), "the dry run's explanations end")
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().header("Authorization", "Bearer " + team).get("/api/submissions/" + id)
                        .then().statusCode(200).extract().jsonPath(),
                        v -> "FAILED".equals(v.getString("dryRun.status"))
                                || "DONE".equals(v.getString("dryRun.explanationProgress.state"))
                                || "FAILED".equals(v.getString("dryRun.explanationProgress.state")));
        assertEquals("SUCCEEDED", view.getString("dryRun.status"), view.prettify());
        assertEquals("DONE", view.getString("dryRun.explanationProgress.state"), view.prettify());
        assertNotNull(view.get("dryRun.reliable"), "the sanity check ran");
        List<Map<String, Object>> items = view.getList("dryRun.explanations");
        assertEquals(8, items.size(), view.prettify());
        assertEquals(4, items.stream().filter(i -> (Boolean) i.get("correct")).count(), "four right");
        assertTrue(items.stream().anyMatch(i -> (Integer) i.get("label") == 1) && items.stream().anyMatch(i -> (Integer) i.get("label") == 0),
                "abnormal and normal studies among them");
        for (Map<String, Object> item : items) {
            BufferedImage radiograph = ImageIO.read(dataset.root().resolve((String) item.get("image")).toFile());
            for (String url : new String[] {(String) item.get("overlayUrl"), (String) item.get("mapUrl")}) {
                byte[] png = given().header("Authorization", "Bearer " + team).when().get(url)
                        .then().statusCode(200).contentType("image/png").extract().asByteArray();
                BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png));
                assertNotNull(picture, url + " is not a readable PNG");
                assertEquals(radiograph.getWidth(), picture.getWidth(), url);
                assertEquals(radiograph.getHeight(), picture.getHeight(), url);
                given().header("Authorization", "Bearer " + other).when().get(url).then().statusCode(404);
            }
            assertEquals(radiograph.getWidth(), item.get("width"));
        }
        String page = given().header("Authorization", "Bearer " + team).when().get("/submissions/" + id)
                .then().statusCode(200).extract().asString();
        assertTrue(page.contains("Correct reasoning") && page.contains("Wrong reasoning"), "the gallery is on the page");
        assertEquals(8, page.split("<figure class=\"shot").length - 1, "eight pictures on the page");

        given().header("Authorization", "Bearer " + team).contentType("application/json").body(Map.of("tag", "mura-submit"))
                .when().post("/api/submissions/" + id + "/tag").then().statusCode(202);
        // The team sees RUNNING until the release: the baseline's 556 hidden images take a while on a busy machine.
        Polling.finished(team, id, "evaluation", Duration.ofSeconds(300));
        Evaluation hidden = Polling.released(id);
        JsonPath organizer = given().header("Authorization", "Bearer " + ArenaTestResource.ADMIN_TOKEN)
                .get("/api/submissions/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("SUCCEEDED", organizer.getString("evaluation.status"), organizer.prettify());
        assertNull(organizer.get("evaluation.explanations"), "a hidden run is never explained");
        assertNull(organizer.get("evaluation.explanationProgress"));
        assertNull(hidden.explainState);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Explanation.count("evaluation.id", hidden.id)));
        JsonPath teamView = given().header("Authorization", "Bearer " + team).get("/api/submissions/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertNull(teamView.get("evaluation.explanations"), "nor to its team");
        assertNotNull(teamView.get("dryRun.explanations"), "while its dry run keeps them");
    }
}

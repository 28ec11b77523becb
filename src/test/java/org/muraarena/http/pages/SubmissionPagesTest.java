package org.muraarena.http.pages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.muraarena.http.PageLogin;
import org.muraarena.core.Phase;
import org.muraarena.core.BodyPart;
import org.muraarena.core.FailureClass;
import org.muraarena.dataset.DatasetService;
import org.muraarena.scoring.Scorer;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;

@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class SubmissionPagesTest {

    @Test
    void withoutAValidCookieSubmissionPagesRedirectToLogin() {
        long id = LeaderboardScene.get().leaderBest();
        given().redirects().follow(false).when().get("/submissions/" + id).then().statusCode(303)
                .header("Location", endsWith("/login?next=%2Fsubmissions%2F" + id));
        given().redirects().follow(false).cookie(PageSession.COOKIE, "mura_wrong").when().get("/submissions").then()
                .statusCode(303).header("Location", endsWith("/login?next=%2Fsubmissions"));
    }

    @Test
    void ownerSeesDryRunLogMetricsAndRocCurveButNotTheHiddenLog() {
        LeaderboardScene scene = LeaderboardScene.get();
        given().cookie(PageSession.COOKIE, PageLogin.session(scene.leader().token())).when().get("/submissions/" + scene.leaderBest())
                .then().statusCode(200)
                .body(containsString("densenet169-v2"))
                .body(containsString("[onnx] batch 2/3: 32 images"))
                .body(containsString("<th scope=\"row\">All studies</th>"))
                .body(containsString("<th scope=\"row\">Humerus</th>"))
                .body(containsString("Sensitivity"))
                .body(containsString("<polyline class=\"curve\" points=\"44.0,216.0 "))
                .body(containsString("ROC curve on 28 sample studies"))
                .body(containsString("75 / 75 images"))
                .body(not(containsString("data-refresh")))
                .body(not(containsString(PageFixtures.HIDDEN_LOG)));
    }

    @Test
    void dryRunShowsItsConfusionMatrixAccuracyBesideKappaWhyAccuracyMisleadsAndAKappaBarPerType() throws Exception {
        LeaderboardScene scene = LeaderboardScene.get();
        long id = scene.leaderBest();
        String html = given().cookie(PageSession.COOKIE, PageLogin.session(scene.leader().token())).when().get("/submissions/" + id)
                .then().statusCode(200).extract().asString();
        JsonNode metrics = new ObjectMapper().readTree(given().header("Authorization", "Bearer " + scene.leader().token())
                .when().get("/api/submissions/" + id).then().statusCode(200).extract().asString()).get("dryRun").get("metrics");
        Map<String, Scorer.Truth> truth = Arc.container().instance(DatasetService.class).get()
                .truth(Phase.DRY_RUN).contents().truth();
        long abnormal = truth.values().stream().filter(t -> t.gold() == 1).count();
        long normal = truth.size() - abnormal;

        long tp = cell(html, "true positives");
        long fn = cell(html, "false negatives");
        long fp = cell(html, "false positives");
        long tn = cell(html, "true negatives");
        assertEquals(abnormal, tp + fn, "a row per gold class");
        assertEquals(normal, fp + tn);
        assertEquals(metrics.get("overall").get("sensitivity").asDouble(), (double) tp / (tp + fn), 1e-12, "the scored sensitivity's calls");
        assertEquals(metrics.get("overall").get("specificity").asDouble(), (double) tn / (tn + fp), 1e-12);
        assertTrue(html.contains("<dt>Accuracy</dt><dd>" + Formats.num((double) (tp + tn) / truth.size()) + " "), html);
        assertTrue(html.contains("<dt>Kappa</dt><dd>" + Formats.num(metrics.get("overall").get("kappa").asDouble()) + "<"), html);
        String commoner = normal >= abnormal ? "normal" : "abnormal";
        long most = Math.max(normal, abnormal);
        assertTrue(html.contains(most + " of these " + truth.size() + " studies are " + commoner + ", so a model that calls every study "
                + commoner + " would score accuracy " + Formats.num((double) most / truth.size()) + " here, yet kappa 0."), html);

        assertEquals(BodyPart.values().length, count(html, "<g class=\"bar "), "one bar per type");
        for (BodyPart part : BodyPart.values()) {
            JsonNode kappa = metrics.get("by_type").get(part.name()).get("kappa");
            String shown = kappa.isNull() ? "—" : Formats.num(kappa.asDouble());
            assertTrue(Pattern.compile(">" + Formats.part(part) + "</text>(<rect [^>]+/>|<text class=\"note\"[^<]+</text>)<text class=\"value\""
                    + "[^>]+>" + Pattern.quote(shown) + "</text></g>").matcher(html).find(), part + " " + shown + " in " + html);
        }

        // Only the dry run's: nothing of the kind in the hidden section, for the team or the organizer.
        String organizer = given().cookie(PageSession.COOKIE, PageLogin.session(ArenaTestResource.ADMIN_TOKEN))
                .when().get("/submissions/" + id).then().statusCode(200).extract().asString();
        for (String page : new String[] {html, organizer}) {
            assertEquals(1, count(page, "<section class=\"dry-summary\""));
            String hidden = page.substring(page.indexOf("id=\"hidden-title\""));
            assertFalse(hidden.contains("confusion") || hidden.contains("kappabars") || hidden.contains("Accuracy"), hidden);
        }
    }

    private static long cell(String html, String title) {
        Matcher m = Pattern.compile("title=\"" + title + "\">(\\d+)<").matcher(html);
        assertTrue(m.find(), title + " not in " + html);
        return Long.parseLong(m.group(1));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void runningDryRunShowsProgressAndRefreshesItself() {
        LeaderboardScene scene = LeaderboardScene.get();
        given().cookie(PageSession.COOKIE, PageLogin.session(scene.unranked().token())).when().get("/submissions/" + scene.running())
                .then().statusCode(200)
                .body(containsString("<div id=\"live\" data-refresh=\"5\">"))
                .body(containsString("<progress max=\"75\" value=\"31\"></progress>"))
                .body(containsString("31 / 75 images"))
                .body(containsString("data-status=\"RUNNING\""))
                .body(containsString("<meta http-equiv=\"refresh\" content=\"5\">"));
    }

    @Test
    void failedHiddenRunSaysOnlyThatItFailedNeverItsClassReasonProgressOrLog() {
        var team = PageFixtures.team("Failing Fibulas");
        long id = PageFixtures.submission(team.id(), "oom-net", Instant.parse("2026-03-01T10:00:00Z"));
        PageFixtures.succeeded(id, Phase.DRY_RUN, 0.5, Instant.parse("2026-03-01T10:00:00Z"), "dry run fine\n");
        PageFixtures.failed(id, Phase.HIDDEN, FailureClass.MEMORY_LIMIT, PageFixtures.HIDDEN_REASON, PageFixtures.HIDDEN_LOG);
        Polling.released(id);
        given().cookie(PageSession.COOKIE, PageLogin.session(team.token())).when().get("/submissions/" + id).then().statusCode(200)
                .body(containsString("data-status=\"FAILED\""))
                .body(containsString("The hidden evaluation failed. Its details stay with the organizers: the dry run is the place to debug."))
                .body(not(containsString("memory limit")))
                .body(not(containsString("100 / 556")))
                .body(not(containsString(PageFixtures.HIDDEN_REASON)))
                .body(not(containsString(PageFixtures.HIDDEN_LOG)));
        given().cookie(PageSession.COOKIE, PageLogin.session(ArenaTestResource.ADMIN_TOKEN)).when().get("/submissions/" + id)
                .then().statusCode(200)
                .body(containsString("Failure: memory limit"))
                .body(containsString(PageFixtures.HIDDEN_REASON));
    }

    @Test
    void organizerSeesAnySubmissionIncludingTheHiddenLog() {
        LeaderboardScene scene = LeaderboardScene.get();
        given().cookie(PageSession.COOKIE, PageLogin.session(ArenaTestResource.ADMIN_TOKEN)).when().get("/submissions/" + scene.leaderBest())
                .then().statusCode(200)
                .body(containsString("Hidden run log (organizer only)"))
                .body(containsString(PageFixtures.HIDDEN_LOG));
    }

    @Test
    void anotherTeamsSubmissionIsNotFound() {
        LeaderboardScene scene = LeaderboardScene.get();
        given().cookie(PageSession.COOKIE, PageLogin.session(scene.second().token())).when().get("/submissions/" + scene.leaderBest())
                .then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("<h1>Not found</h1>"))
                .body(not(containsString("densenet169-v2")));
    }

    @Test
    void submissionListShowsOnlyTheCallersOwnSubmissions() {
        LeaderboardScene scene = LeaderboardScene.get();
        given().cookie(PageSession.COOKIE, PageLogin.session(scene.leader().token())).when().get("/submissions").then().statusCode(200)
                .body(containsString("Signed in as Humerus Maximus."))
                .body(containsString("href=\"/submissions/" + scene.leaderBest() + "\""))
                .body(containsString("densenet121-v1"))
                .body(not(containsString("resnet50-letterbox")))
                .body(not(containsString("effnet-b0")));
    }

    @Test
    void passedButUntaggedDryRunShowsTheTagCommand() {
        var team = PageFixtures.team("Tagless Tibias");
        long id = PageFixtures.submission(team.id(), "ready-net", Instant.parse("2026-03-01T10:00:00Z"));
        PageFixtures.succeeded(id, Phase.DRY_RUN, 0.8, Instant.parse("2026-03-01T10:00:00Z"), "ok\n");
        given().cookie(PageSession.COOKIE, PageLogin.session(team.token())).when().get("/submissions/" + id).then().statusCode(200)
                .body(containsString("-d '{\"tag\": \"mura-submit\"}' $ARENA_URL/api/submissions/" + id + "/tag"));
    }
}

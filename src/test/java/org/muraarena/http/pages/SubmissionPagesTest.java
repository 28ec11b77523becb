package org.muraarena.http.pages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.muraarena.http.PageLogin;
import org.muraarena.core.Phase;
import org.muraarena.core.FailureClass;
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

package org.muraarena.http.pages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.muraarena.testing.ArenaTestResource;

@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class TeamPageTest {

    @Test
    void teamPageListsItsHiddenSubmissionsWithScoresAndRank() {
        LeaderboardScene scene = LeaderboardScene.get();
        // Other tests share the database and may add teams: the rank must match the JSON's, whatever it is.
        int rank = given().when().get("/api/leaderboard").then().statusCode(200).extract()
                .path("rows.find { it.team == 'Humerus Maximus' }.rank");
        given().when().get("/teams/" + scene.leader().id()).then().statusCode(200)
                .body(containsString("<h1>Humerus Maximus</h1>"))
                .body(containsString("Rank <strong>" + rank + "</strong>"))
                .body(containsString("densenet169-v2"))
                .body(containsString("densenet121-v1"))
                .body(containsString("data-status=\"SUCCEEDED\""))
                .body(containsString("<span class=\"ci\">["));
    }

    @Test
    void teamPageShowsNoLogsReasonsOrDryRuns() {
        LeaderboardScene scene = LeaderboardScene.get();
        given().when().get("/teams/" + scene.unranked().id()).then().statusCode(200)
                .body(containsString("Not on the leaderboard yet."))
                .body(containsString("effnet-b0"))
                .body(containsString("data-status=\"FAILED\""))
                .body(not(containsString(PageFixtures.HIDDEN_LOG)))
                .body(not(containsString(PageFixtures.HIDDEN_REASON)))
                .body(not(containsString("memory limit")))
                .body(not(containsString("[arena] dry run")))
                // a submission never tagged for the hidden set is not public
                .body(not(containsString("effnet-b2")));
    }

    @Test
    void unknownTeamGetsTheNotFoundPage() {
        given().when().get("/teams/987654").then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("<h1>Not found</h1>"));
    }
}

package org.muraarena.http.pages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muraarena.core.BodyPart;
import org.muraarena.competition.leaderboard.Leaderboard;
import org.muraarena.dataset.DatasetService;
import org.muraarena.testing.ArenaTestResource;

@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class LeaderboardPageTest {
    private LeaderboardScene scene;

    @BeforeEach
    void scene() {
        scene = LeaderboardScene.get();
    }

    @Test
    void leaderboardShowsEachTeamsBestRowWithTheApisNumbersFormatted() {
        String html = given().when().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<h1>MURA Arena</h1>"))
                .body(containsString("musculoskeletal radiographs"))
                .extract().asString();
        JsonPath api = given().when().get("/api/leaderboard").then().statusCode(200).extract().jsonPath();
        Map<String, Object> leader = api.getMap("rows.find { it.team == 'Humerus Maximus' }");
        String kappa = Formats.num(((Number) leader.get("kappa")).doubleValue());
        @SuppressWarnings("unchecked")
        List<Number> ci = (List<Number>) leader.get("kappa_ci");
        assertTrue(html.contains("<strong>" + kappa + "</strong> <span class=\"ci\">"
                + Formats.interval(List.of(ci.get(0).doubleValue(), ci.get(1).doubleValue())) + "</span>"), html);
        assertTrue(html.contains("<a href=\"/teams/" + scene.leader().id() + "\">Humerus Maximus</a>"));
        assertTrue(html.contains("densenet169-v2"));
        // Only the team's best submission is on the board.
        assertFalse(html.contains("densenet121-v1"));
        assertFalse(html.contains("Radiant Radius"), "a team without a scored hidden run has no row");
    }

    @Test
    void rowsAreOrderedByKappa() {
        String html = given().when().get("/").then().statusCode(200).extract().asString();
        int leader = html.indexOf("Humerus Maximus");
        int second = html.indexOf("Carpal Tunnel Vision");
        int third = html.indexOf("Ulnar Nerve");
        assertTrue(leader > 0 && leader < second && second < third, "expected the three teams in kappa order");
    }

    @Test
    void leaderboardHasShortTypeHeadersAndTheSubmissionDate() {
        given().when().get("/").then().statusCode(200)
                .body(containsString(">Elbow</th>")).body(containsString(">Finger</th>"))
                .body(containsString(">Shoulder</th>")).body(containsString(">Wrist</th>"))
                .body(containsString("<time datetime=\"2026-03-05T09:25:00Z\">2026-03-05</time>"));
    }

    @Test
    void radiologistReferenceRowsHiddenStudyCountAndJsonLinkAreShown() {
        JsonPath dataset = given().when().get("/api/leaderboard").then().statusCode(200).extract().jsonPath();
        assertEquals(207, dataset.getInt("dataset.studies"));
        assertEquals(556, dataset.getInt("dataset.images"));
        given().when().get("/").then().statusCode(200)
                .body(containsString("Scored on <strong>" + dataset.getString("dataset.name") + "</strong>: 207 hidden studies, 556 images."))
                .body(containsString("<tbody class=\"references\">"))
                .body(containsString("Radiologist 1")).body(containsString("Radiologist 2")).body(containsString("Radiologist 3"))
                .body(containsString("<strong>207</strong> hidden studies"))
                .body(containsString("kappa_ci_official"))
                .body(containsString("href=\"/api/leaderboard\""))
                .body(not(containsString("No scored submissions yet")));
    }

    @Test
    void eachEntryHasItsRankIntervalAndGroupAndThePageExplainsTheMethodAndOffersTheCsv() {
        String html = given().when().get("/").then().statusCode(200).extract().asString();
        JsonPath api = given().when().get("/api/leaderboard").then().statusCode(200).extract().jsonPath();
        int entries = api.getList("rows").size() + api.getList("references").size();
        assertEquals(entries, html.split("<svg class=\"rankbar\"", -1).length - 1, "one interval per entry, readers included");
        Map<String, Object> leader = api.getMap("rows.find { it.team == 'Humerus Maximus' }");
        @SuppressWarnings("unchecked")
        List<Number> ci = (List<Number>) leader.get("rank_ci");
        String interval = ci.get(0).doubleValue() == ci.get(1).doubleValue() ? rank(ci.get(0))
                : rank(ci.get(0)) + "–" + rank(ci.get(1));
        assertTrue(html.contains(" of " + entries + " on all studies; 95% interval " + interval + "; group " + leader.get("group")), html);
        assertTrue(html.contains("<td class=\"num group\">" + leader.get("group") + "</td>"));
        assertTrue(html.contains(">Group</th>"));
        assertTrue(html.contains("<a href=\"/api/leaderboard.csv\" download>Download CSV</a>"));
        assertTrue(html.contains("one-sided paired bootstrap test"), "the method, in words");
        assertTrue(html.contains("Kendall's τ") && html.contains("<strong>" + Formats.num(api.getDouble("stability.tau_median")) + "</strong>"),
                "the stability of the ranking");
    }

    /** A rank as the page writes it: whole ranks bare, interpolated ones with one decimal. */
    private static String rank(Number rank) {
        double r = rank.doubleValue();
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(java.util.Locale.ROOT, "%.1f", r);
    }

    @Test
    void emptyLeaderboardSaysNoScoredSubmissionsYet() {
        // Rendered directly: the shared test database holds other tests' scored rows.
        String html = LeaderboardPage.Templates.leaderboard(new Leaderboard(List.of(), List.of(), 207, null,
                new DatasetService.Summary("MURA-v1.1 valid", 207, 556), null),
                List.of(BodyPart.values()), "10 min", false).render();
        assertTrue(html.contains("No scored submissions yet."));
        assertTrue(html.contains("Scored on <strong>MURA-v1.1 valid</strong>: 207 hidden studies, 556 images."), html);
        assertFalse(html.contains("class=\"references\""));
        assertEquals(1, html.split("<table", -1).length - 1);
    }
}

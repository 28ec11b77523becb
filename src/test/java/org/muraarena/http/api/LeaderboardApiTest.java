package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.leaderboard.BoardChanges;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.team.Team;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.HiddenResults;
import org.muraarena.testing.Polling;
import org.muraarena.testing.QueueFixtures;
import org.muraarena.testing.TestData;

/**
 * {@code /api/leaderboard} served from the board in memory: fresh as soon as a release is visible,
 * with strong ETags, rank statistics for teams and readers together, and the CSV export.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class LeaderboardApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A name that CSV must quote: a comma and quotes. */
    static final String AWKWARD = "Quotes \"and\", commas";

    @Inject
    DatasetService dataset;
    @Inject
    BoardChanges changes;

    /** Two teams of this class on the board (once per test app: other tests' teams may be there too). */
    static synchronized void twoTeamsOnTheBoard() {
        for (String name : List.of(AWKWARD, "Plain Board Team")) {
            if (QuarkusTransaction.requiringNew().call(() -> Team.byName(name)) == null) {
                long team = team(name);
                long id = HiddenResults.record(team, "board-" + team, HiddenResults.predictions(
                        truth(), TestData.dataset(), name.equals(AWKWARD) ? 0.9 : 0.6, team), Instant.now().minusSeconds(5));
                Polling.released(id);
            }
        }
    }

    private static java.util.SortedMap<String, org.muraarena.scoring.Scorer.Truth> truth() {
        return io.quarkus.arc.Arc.container().instance(DatasetService.class).get().truth(Phase.HIDDEN).contents().truth();
    }

    static long team(String name) {
        given().header("Authorization", "Bearer " + ArenaTestResource.ADMIN_TOKEN).contentType("application/json")
                .body(Map.of("name", name)).when().post("/api/teams").then().statusCode(201);
        return QuarkusTransaction.requiringNew().call(() -> Team.byName(name).id);
    }

    static JsonNode board() throws Exception {
        return JSON.readTree(given().get("/api/leaderboard").then().statusCode(200).extract().asString());
    }

    @Test
    void aChangeIsOnTheBoardForTheNextReaderAfterItsCommit() throws Exception {
        twoTeamsOnTheBoard();
        String before = given().get("/api/leaderboard").then().statusCode(200).extract().header("ETag");
        String name = "Fresh Board " + System.nanoTime();
        long team = team(name);
        // Ends an hour from now, so the release clock leaves it alone: this test releases it itself, as
        // HiddenReleases does, in one transaction with the board change.
        long id = HiddenResults.record(team, "fresh", HiddenResults.predictions(truth(), TestData.dataset(), 0.7, 7),
                Instant.now().plusSeconds(3600));
        QuarkusTransaction.requiringNew().run(() -> {
            Evaluation e = QueueFixtures.evaluation(id, Phase.HIDDEN);
            e.releasedAt = Instant.now();
            Team.<Team>findById(team).releasedBestEvaluationId = e.id;
            changes.record();
        });
        // At once, no polling: the rebuild is still running, and this reader waits for it.
        Response after = given().get("/api/leaderboard").then().statusCode(200).extract().response();
        assertNotEquals(before, after.header("ETag"));
        List<String> teams = after.jsonPath().getList("rows.team");
        assertTrue(teams.contains(name), teams.toString());
        int rank = after.jsonPath().getInt("rows.find { it.team == '" + name + "' }.rank");
        given().get("/teams/" + team).then().statusCode(200).body(containsString("Rank <strong>" + rank + "</strong>"));
    }

    @Test
    void jsonCsvAndPageCarryStrongETagsAndAnswer304ToAMatch() {
        twoTeamsOnTheBoard();
        for (String path : List.of("/api/leaderboard", "/api/leaderboard.csv", "/")) {
            Response first = given().get(path).then().statusCode(200).extract().response();
            String etag = first.header("ETag");
            assertTrue(etag.matches("\"[0-9a-f]{32}\""), path + ": " + etag);
            assertEquals("public, no-cache", first.header("Cache-Control"), path);
            Response again = given().header("If-None-Match", etag).get(path).then().statusCode(304).extract().response();
            assertEquals(etag, again.header("ETag"), path);
            assertEquals("", again.asString(), path + ": a 304 has no body");
            given().header("If-None-Match", "\"other\", W/" + etag).get(path).then().statusCode(304);
            given().header("If-None-Match", "\"other\"").get(path).then().statusCode(200).header("ETag", etag);
        }
        given().get("/api/leaderboard.csv").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .contentType(org.hamcrest.Matchers.containsStringIgnoringCase("charset=utf-8"));
    }

    @Test
    void everyEntryHasRankStatisticsComputedOverTeamsAndReadersTogether() throws Exception {
        twoTeamsOnTheBoard();
        // Other tests' releases may land meanwhile: compare a board with the statistics of that same board.
        Polling.upTo(Duration.ofSeconds(60), "the board's statistics are those of its entries")
                .until(() -> BoardOracle.matches(board(), dataset.truth(Phase.HIDDEN)));
        JsonNode board = board();
        int entries = board.get("rows").size() + board.get("references").size();
        List<JsonNode> all = new ArrayList<>();
        board.get("rows").forEach(all::add);
        board.get("references").forEach(all::add);
        int last = 0;
        for (JsonNode entry : all) {
            JsonNode ci = entry.get("rank_ci");
            assertEquals(2, ci.size(), entry.toString());
            assertTrue(1 <= ci.get(0).asDouble() && ci.get(0).asDouble() <= ci.get(1).asDouble()
                    && ci.get(1).asDouble() <= entries, entry.toString());
            assertTrue(entry.get("group").asInt() >= 1, entry.toString());
            JsonNode p = entry.get("p_vs_next");
            last += p.isNull() ? 1 : 0;
            assertTrue(p.isNull() || p.asDouble() >= 0 && p.asDouble() <= 1, entry.toString());
        }
        assertEquals(1, last, "only the last entry of the joint ranking has no next one");
        JsonNode stability = board.get("stability");
        double median = stability.get("tau_median").asDouble();
        assertTrue(stability.get("tau_ci").get(0).asDouble() <= median && median <= stability.get("tau_ci").get(1).asDouble()
                && median <= 1 && median >= -1, stability.toString());
        assertTrue(stability.get("replicates").asInt() >= 1000, stability.toString());
    }
}

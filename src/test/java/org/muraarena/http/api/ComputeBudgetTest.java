package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.core.Phase;
import org.muraarena.http.PageLogin;
import org.muraarena.http.security.PageSessions;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.QueueFixtures;

/**
 * The compute a team's evaluations used, through the real server: its dry run's figure on its page,
 * every team's totals on the organizer's page, and the budget ({@code arena.quota.compute-hours},
 * one hour in the tests) refusing a tag once spent, with nothing stored.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class ComputeBudgetTest {
    private static final Pattern TEAM_ROW = Pattern.compile("<tr data-team=\"Thrifty Trapezium\">(.*?)</tr>", Pattern.DOTALL);

    @Test
    void aSpentBudgetRefusesTheTagWith429AndStoresNothingWhileBothPagesShowTheCompute() throws Exception {
        String token = TeamResourceTest.createTeam("Thrifty Trapezium");
        long id = SubmissionResourceTest.upload(token, SubmissionResourceTest.fixture("tiny_dynamic.onnx"),
                SubmissionResourceTest.TINY_MANIFEST).then().statusCode(202).extract().jsonPath().getLong("id");
        assertEquals("SUCCEEDED", SubmissionResourceTest.awaitFinished(token, id, "dryRun").getString("dryRun.status"));
        double measured = QueueFixtures.evaluation(id, Phase.DRY_RUN).cpuSeconds;
        assertTrue(measured > 0, "the dry run was measured");

        String page = given().cookie(PageSessions.COOKIE, PageLogin.session(token)).get("/submissions/" + id)
                .then().statusCode(200).extract().asString();
        assertTrue(page.contains(String.format(java.util.Locale.ROOT, "used %.2f s CPU", measured)), page);

        // The team's evaluations have now used the whole budget (as if its runs had cost an hour).
        QuarkusTransaction.requiringNew().run(() -> Evaluation.update("cpuSeconds = ?1 where submission.id = ?2 and phase = ?3",
                ArenaTestResource.COMPUTE_HOURS * 3600, id, Phase.DRY_RUN));
        Response refused = given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"tag\": \"mura-submit\"}").when().post("/api/submissions/" + id + "/tag");
        refused.then().statusCode(429);
        String error = refused.jsonPath().getString("error");
        assertTrue(error.startsWith("the compute budget of 1 CPU hour is spent: your evaluations have used 1.00 CPU hours"), error);
        assertNull(refused.getHeader("Retry-After"), "the budget does not refill by itself");
        assertNull(QueueFixtures.evaluation(id, Phase.HIDDEN), "no hidden run queued");
        given().header("Authorization", "Bearer " + token).get("/api/submissions/" + id).then().statusCode(200)
                .body("taggedAt", org.hamcrest.Matchers.nullValue());

        String admin = given().cookie(PageSessions.COOKIE, PageLogin.session(ArenaTestResource.ADMIN_TOKEN)).get("/admin")
                .then().statusCode(200).extract().asString();
        assertTrue(admin.contains("budget 1 CPU hour per team"), admin);
        Matcher row = TEAM_ROW.matcher(admin);
        assertTrue(row.find(), admin);
        assertTrue(row.group(1).contains("3600.00 s"), row.group(1)); // its dry runs' CPU
        assertTrue(row.group(1).contains("1.000 h"), row.group(1));
        assertTrue(row.group(1).contains("100%"), row.group(1));
        assertFalse(row.group(1).contains("NaN"), row.group(1));

        io.restassured.path.json.JsonPath queue = given().header("Authorization", "Bearer " + ArenaTestResource.ADMIN_TOKEN)
                .get("/api/admin/queue").then().statusCode(200).extract().jsonPath();
        assertEquals(1.0, queue.getDouble("budgetHours"));
        assertEquals(3600.0, queue.getDouble("compute.find { it.team == 'Thrifty Trapezium' }.dryRunCpuSeconds"));
        assertEquals(1.0, queue.getDouble("compute.find { it.team == 'Thrifty Trapezium' }.budgetShare"));
    }
}

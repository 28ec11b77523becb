package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.Phase;
import org.muraarena.competition.submission.Result;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.QueueFixtures;

/**
 * The organizer cancels a run while the embedded worker runs it (a model that never ends): the
 * evaluator process is killed, the run ends CANCELLED with no result; re-queued, it runs again.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class CancelRunningTest {
    static final String ORGANIZER = "Bearer " + ArenaTestResource.ADMIN_TOKEN;

    @Test
    void cancellingARunningEvaluationStopsItsSandbox() throws Exception {
        String team = TeamResourceTest.createTeam("cancel-" + System.nanoTime());
        byte[] loop;
        try (InputStream in = CancelRunningTest.class.getResourceAsStream("/onnx/tiny_loop.onnx")) {
            loop = in.readAllBytes();
        }
        long s = given().header("Authorization", "Bearer " + team)
                .multiPart("artifact", "loop.onnx", loop, "application/octet-stream")
                .multiPart("manifest", "{\"name\": \"never-ends\", \"input\": {\"height\": 8, \"width\": 8}}")
                .post("/api/submissions").then().statusCode(202).extract().jsonPath().getLong("id");
        long id = awaitRunning(s);
        List<ProcessHandle> evaluators = awaitEvaluator();

        long t0 = System.nanoTime();
        given().header("Authorization", ORGANIZER).post("/api/admin/evaluations/" + id + "/cancel").then().statusCode(200);
        for (ProcessHandle p : evaluators) {
            p.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
        }
        double stoppedAfter = (System.nanoTime() - t0) / 1e9;
        Evaluation e = QueueFixtures.evaluation(s, Phase.DRY_RUN);
        assertEquals(EvaluationStatus.CANCELLED, e.status());
        assertEquals("CANCELLED", e.failureClass);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Result.count("evaluation.id", id)));
        System.out.printf("NOTICE: evaluator process stopped %.1f s after the organizer's cancel (heartbeat 5 s)%n", stoppedAfter);

        given().header("Authorization", ORGANIZER).post("/api/admin/evaluations/" + id + "/requeue").then().statusCode(200);
        awaitRunning(s);
        given().header("Authorization", ORGANIZER).post("/api/admin/evaluations/" + id + "/cancel").then().statusCode(200);
        Thread.sleep(200);
        Evaluation again = QueueFixtures.evaluation(s, Phase.DRY_RUN);
        assertEquals(EvaluationStatus.CANCELLED, again.status());
        assertTrue(again.attempt >= 2 && again.log.contains("queued again by the organizer"), again.log);
        for (ProcessHandle p : awaitGone()) {
            throw new AssertionError("an evaluator process outlived its cancelled run: " + p.pid());
        }
    }

    static long awaitRunning(long submission) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Evaluation e = QueueFixtures.evaluation(submission, Phase.DRY_RUN);
            if (e.status() == EvaluationStatus.RUNNING && e.log.contains("evaluator process")) {
                return e.id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the run never started");
    }

    static List<ProcessHandle> awaitEvaluator() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> children = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("evaluate-onnx")).toList();
            if (!children.isEmpty()) {
                return children;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no evaluator process found");
    }

    static List<ProcessHandle> awaitGone() throws InterruptedException, IOException {
        List<ProcessHandle> left = List.of();
        for (int i = 0; i < 150; i++) {
            left = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("evaluate-onnx")).toList();
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        }
        return left;
    }
}

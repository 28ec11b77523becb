package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.competition.submission.Result;
import org.muraarena.core.Phase;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;
import org.muraarena.testing.QueueFixtures;

/**
 * The organizer cancels a run while the embedded worker runs it (a model that never ends): the
 * evaluator process is killed, the run ends CANCELLED with no result; re-queued, it runs again
 * and a second cancel stops that attempt's process too.
 *
 * <p>Each wait is for one attempt's own evaluator, named by the pid its log line gives, and is
 * bounded by time: under load a poll costs far more than its 100 ms, and a scan of every
 * {@code evaluate-onnx} process of this JVM would also see other tests' evaluators.
 *
 * <p>The test app shares its database and its one-slot worker with every test class of the
 * default profile; should one run before this one, its leftover jobs (a tagged hidden run of 207
 * studies, say) would run first and hold this test's model back. So it starts from an empty queue.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class CancelRunningTest {
    static final String ORGANIZER = "Bearer " + ArenaTestResource.ADMIN_TOKEN;
    private static final Pattern STARTED = Pattern.compile("evaluator process (\\d+) started");
    /** Claim, a child JVM's start and the next 5 s heartbeat (which writes the log line), on a busy machine. */
    private static final Duration START = Duration.ofSeconds(120);
    /** The next 5 s heartbeat notices the cancel; the 100 ms poll of the child then kills it. */
    private static final Duration STOP = Duration.ofSeconds(15);

    @BeforeEach
    void onlyThisTestsJobsAreQueued() {
        QueueFixtures.drain();
    }

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
        long t0 = System.nanoTime();
        Evaluation first = awaitEvaluatorRunning(s, 1);
        ProcessHandle evaluator = evaluator(first.log);
        System.out.printf("NOTICE: attempt 1's evaluator %d ran %.1f s after the upload%n", evaluator.pid(), seconds(t0));

        long t1 = System.nanoTime();
        given().header("Authorization", ORGANIZER).post("/api/admin/evaluations/" + first.id + "/cancel").then().statusCode(200);
        awaitGone(evaluator);
        System.out.printf("NOTICE: evaluator process stopped %.1f s after the organizer's cancel (heartbeat 5 s)%n", seconds(t1));
        Evaluation e = Polling.evaluation(s, Phase.DRY_RUN, STOP, "CANCELLED", x -> x.status() == EvaluationStatus.CANCELLED);
        assertEquals("CANCELLED", e.failureClass);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Result.count("evaluation.id", first.id)));

        given().header("Authorization", ORGANIZER).post("/api/admin/evaluations/" + first.id + "/requeue").then().statusCode(200);
        // Not merely RUNNING: attempt 2 with its own evaluator, so that the cancel meets a live process.
        Evaluation second = awaitEvaluatorRunning(s, first.attempt + 1);
        ProcessHandle again = evaluator(second.log.substring(second.log.lastIndexOf("queued again by the organizer")));
        given().header("Authorization", ORGANIZER).post("/api/admin/evaluations/" + first.id + "/cancel").then().statusCode(200);
        awaitGone(again);
        Evaluation cancelled = Polling.evaluation(s, Phase.DRY_RUN, STOP, "CANCELLED", x -> x.status() == EvaluationStatus.CANCELLED);
        assertTrue(cancelled.attempt >= 2, cancelled.log);
        assertTrue(cancelled.log.contains("queued again by the organizer"), cancelled.log);
    }

    /** Waits until attempt {@code attempt} (or later) runs and its heartbeat has logged its evaluator's start. */
    private static Evaluation awaitEvaluatorRunning(long submission, int attempt) {
        return Polling.evaluation(submission, Phase.DRY_RUN, START, "attempt " + attempt + " runs its evaluator", e ->
                e.status() == EvaluationStatus.RUNNING && e.attempt >= attempt
                        && STARTED.matcher(e.log.substring(Math.max(0, e.log.lastIndexOf("queued again")))).find());
    }

    /** The last evaluator the log names; it must still be running. */
    private static ProcessHandle evaluator(String log) {
        Matcher m = STARTED.matcher(log);
        long pid = -1;
        while (m.find()) {
            pid = Long.parseLong(m.group(1));
        }
        long named = pid;
        return ProcessHandle.of(named).orElseThrow(() -> new AssertionError("evaluator " + named + " is not running:\n" + log));
    }

    /** The evaluator and anything it started are gone within {@link #STOP}. */
    private static void awaitGone(ProcessHandle evaluator) {
        List<ProcessHandle> tree = Stream.concat(Stream.of(evaluator), evaluator.descendants()).toList();
        Polling.upTo(STOP, "evaluator " + evaluator.pid() + " and its children exit after the cancel")
                .until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

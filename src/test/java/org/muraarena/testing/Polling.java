package org.muraarena.testing;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.core.Phase;

/**
 * Waiting for a condition, bounded by wall-clock time (not by a count of polls, whose cost grows
 * with the machine's load), polled every 100 ms; the failure names what was awaited.
 */
public final class Polling {
    private static final Set<String> UNFINISHED = Set.of("QUEUED", "RUNNING");

    private Polling() {
    }

    /** An Awaitility condition that checks at once, then every 100 ms, for at most {@code atMost}. */
    public static ConditionFactory upTo(Duration atMost, String what) {
        return Awaitility.await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100));
    }

    /** Polls the submission's {@code phase} evaluation in the database until it satisfies {@code condition}. */
    public static Evaluation evaluation(long submission, Phase phase, Duration atMost, String what, Predicate<Evaluation> condition) {
        return upTo(atMost, "evaluation " + phase + " of submission " + submission + ": " + what)
                .until(() -> QueueFixtures.evaluation(submission, phase), e -> e != null && condition.test(e));
    }

    /** Waits until the submission's hidden run is released (the tests' release period is a second). */
    public static Evaluation released(long submission) {
        return evaluation(submission, Phase.HIDDEN, Duration.ofSeconds(30), "released", e -> e.releasedAt != null);
    }

    /**
     * Polls the team's view of a submission until {@code path} (dryRun, evaluation) leaves
     * QUEUED/RUNNING and, for a dry run, its explanations are no longer being computed.
     */
    public static JsonPath finished(String token, long id, String path, Duration atMost) {
        return upTo(atMost, "submission " + id + " " + path + " finishes").pollInterval(Duration.ofMillis(500))
                .until(() -> given().header("Authorization", "Bearer " + token).get("/api/submissions/" + id)
                        .then().statusCode(200).extract().jsonPath(),
                        view -> view.getString(path + ".status") != null && !UNFINISHED.contains(view.getString(path + ".status"))
                                && !"RUNNING".equals(view.getString(path + ".explanationProgress.state")));
    }
}

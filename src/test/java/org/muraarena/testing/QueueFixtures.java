package org.muraarena.testing;

import static io.restassured.RestAssured.given;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.Phase;

/** Queue states for tests that claim jobs themselves (under {@link NoWorkerProfile}). */
public final class QueueFixtures {
    private QueueFixtures() {
    }

    /** Uploads the tiny ONNX fixture for a team; returns the submission id (its dry run is queued). */
    public static long upload(String teamToken, String model) {
        return given().header("Authorization", "Bearer " + teamToken)
                .multiPart("artifact", "model.onnx", tinyModel(), "application/octet-stream")
                .multiPart("manifest", "{\"name\": \"" + model + "\", \"input\": {\"height\": 8, \"width\": 8}}")
                .when().post("/api/submissions").then().statusCode(202).extract().jsonPath().getLong("id");
    }

    public static byte[] tinyModel() {
        try (InputStream in = QueueFixtures.class.getResourceAsStream("/onnx/tiny_dynamic.onnx")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Cancels every job still queued or running, left by earlier test classes on a shared database,
     * so a test sees only its own jobs.
     */
    public static void drain() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<Evaluation> open = Evaluation.list("status in ?1", List.of(EvaluationStatus.QUEUED, EvaluationStatus.RUNNING));
            for (Evaluation e : open) {
                e.transitionTo(EvaluationStatus.CANCELLED, java.time.Instant.now());
            }
        });
    }

    public static Evaluation evaluation(long submissionId, Phase phase) {
        return QuarkusTransaction.requiringNew().call(() ->
                Evaluation.<Evaluation>find("submission.id = ?1 and phase = ?2", submissionId, phase).firstResult());
    }
}

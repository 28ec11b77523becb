package org.muraarena.competition.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.muraarena.core.Phase;

/** What a team sees of its hidden run before its outcome is released: the status, never the outcome or a time. */
class SubmissionViewTest {
    private static final Instant TAGGED = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void aQueuedHiddenRunReadsRunningLikeAClaimedOneAndNothingElse() {
        // When it leaves the queue is when the run ahead of it ended: perhaps its own team's probe.
        HiddenView view = HiddenView.of(evaluation(EvaluationStatus.QUEUED), TAGGED);
        assertEquals(HiddenView.of(evaluation(EvaluationStatus.RUNNING), TAGGED), view);
        assertEquals("RUNNING", view.status());
        assertEquals(Set.of("status", "taggedAt", "releasedAt"), keys(view));
    }

    @Test
    void aFinishedRunReadsRunningUntilItsReleaseWhateverItsOutcome() {
        for (EvaluationStatus outcome : new EvaluationStatus[] {EvaluationStatus.SUCCEEDED, EvaluationStatus.FAILED}) {
            Evaluation e = evaluation(EvaluationStatus.RUNNING);
            e.progressDone = 400;
            e.failureClass = "EXIT_CODE";
            e.error = "exit code 7";
            e.transitionTo(outcome, Instant.parse("2026-01-01T00:03:00Z"));
            HiddenView view = HiddenView.of(e, TAGGED);
            assertEquals("RUNNING", view.status(), outcome.name());
            assertNull(view.releasedAt());
            assertEquals(Set.of("status", "taggedAt", "releasedAt"), keys(view));
        }
    }

    @Test
    void aRunRetriedAfterAPlatformFailureStillReadsRunning() {
        Evaluation e = evaluation(EvaluationStatus.RUNNING);
        e.transitionTo(EvaluationStatus.QUEUED, Instant.parse("2026-01-01T00:02:00Z"));
        assertEquals("RUNNING", HiddenView.of(e, TAGGED).status());
    }

    @Test
    void aReleasedFailureSaysOnlyFailedAndWhen() {
        Evaluation e = evaluation(EvaluationStatus.RUNNING);
        e.failureClass = "EXIT_CODE";
        e.error = "exit code 7";
        e.transitionTo(EvaluationStatus.FAILED, Instant.parse("2026-01-01T00:03:00Z"));
        e.releasedAt = Instant.parse("2026-01-01T00:10:00Z");
        HiddenView view = HiddenView.of(e, TAGGED);
        assertEquals("FAILED", view.status());
        assertEquals(Set.of("status", "taggedAt", "releasedAt"), keys(view));
        assertEquals("2026-01-01T00:10:00Z", JSON.valueToTree(view).get("releasedAt").asText());
    }

    @Test
    void releasedNumbersAreRoundedToThreeDecimals() {
        assertEquals(0.705, HiddenView.round(0.70549));
        assertEquals(0.706, HiddenView.round(0.7055));
        assertEquals(-0.126, HiddenView.round(-0.1255));
        assertNull(HiddenView.round(Double.NaN));
        assertNull(HiddenView.round(null));
    }

    private static Evaluation evaluation(EvaluationStatus status) {
        Evaluation e = new Evaluation();
        e.id = 1L;
        e.phase = Phase.HIDDEN;
        e.transitionTo(EvaluationStatus.QUEUED, Instant.parse("2026-01-01T00:00:00Z"));
        if (status == EvaluationStatus.RUNNING) {
            e.transitionTo(EvaluationStatus.RUNNING, Instant.parse("2026-01-01T00:01:00Z"));
        }
        return e;
    }

    private static Set<String> keys(HiddenView view) {
        JsonNode node = JSON.valueToTree(view);
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}

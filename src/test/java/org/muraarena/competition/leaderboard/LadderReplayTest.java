package org.muraarena.competition.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.competition.submission.Result;
import org.muraarena.competition.submission.Submission;
import org.muraarena.competition.team.Team;
import org.muraarena.core.Aggregation;
import org.muraarena.core.Manifest;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.http.api.TeamResourceTest;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.StudyProbabilities;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.Polling;
import org.muraarena.testing.TestData;

/**
 * The Ladder's stored decisions stay the Ladder's: a re-score replays them on the labels as they are
 * now, and a run that cannot be decided is still released (as not improved), never held RUNNING.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class LadderReplayTest {
    @Inject
    HiddenReleases releases;
    @Inject
    DatasetService dataset;

    @Test
    void aReplayRestoresTheLaddersDecisionsInReleaseOrder() throws Exception {
        String name = "Replayed Radius " + System.nanoTime();
        TeamResourceTest.createTeam(name);
        Instant t0 = Instant.now().minusSeconds(600);
        // Released in this order: a noisy model, a clearly better one, then a copy of the noisy one.
        long noisy = record(name, "noisy", t0, image -> Math.floorMod(image.hashCode(), 1000) / 1000.0);
        long better = record(name, "better", t0.plusSeconds(60), this::truthful);
        long copy = record(name, "noisy-again", t0.plusSeconds(120), image -> Math.floorMod(image.hashCode(), 1000) / 1000.0 + 1e-6);
        // Decisions as they might stand after a label fix: the better one "not improved", the copy the best.
        QuarkusTransaction.requiringNew().run(() -> {
            Evaluation n = evaluation(noisy);
            Evaluation b = evaluation(better);
            Evaluation c = evaluation(copy);
            decided(n, true, n);
            decided(b, false, n);
            decided(c, true, c);
            Team.<Team>find("name", name).firstResult().releasedBestEvaluationId = c.id;
        });

        int changed = QuarkusTransaction.requiringNew().call(releases::replayLadders);

        assertTrue(changed >= 2, "the better and the copy change their bits: " + changed);
        QuarkusTransaction.requiringNew().run(() -> {
            Evaluation n = evaluation(noisy);
            Evaluation b = evaluation(better);
            Evaluation c = evaluation(copy);
            assertTrue(n.ladderImproved, "a team's first released result is its best");
            assertEquals(0, n.ladderReplicates);
            assertTrue(b.ladderImproved, "clearly better than the noisy one");
            assertTrue(b.ladderReplicates > 900, "decided by the bootstrap");
            assertEquals(b.id, b.ladderBest.id);
            assertFalse(c.ladderImproved, "a copy of the noisy one does not beat the better one");
            assertEquals(b.id, c.ladderBest.id);
            assertEquals(b.id, Team.<Team>find("name", name).firstResult().releasedBestEvaluationId);
        });
        assertEquals(0, QuarkusTransaction.requiringNew().call(releases::replayLadders), "a second replay changes nothing");
    }

    @Test
    void aRunThatCannotBeDecidedIsReleasedAsNotImproved() throws Exception {
        String name = "Undecided Ulna " + System.nanoTime();
        TeamResourceTest.createTeam(name);
        long first = record(name, "first", Instant.now().minusSeconds(60), this::truthful);
        QuarkusTransaction.requiringNew().run(() -> {
            Evaluation e = evaluation(first);
            decided(e, true, e);
            Team.<Team>find("name", name).firstResult().releasedBestEvaluationId = e.id;
        });
        // Stored predictions that no longer cover the hidden images (as after a label change adding studies).
        long broken = record(name, "broken", Instant.now(), this::truthful);
        QuarkusTransaction.requiringNew().run(() -> {
            Result r = Result.latest(evaluation(broken));
            r.predictions = r.predictions.substring(0, r.predictions.indexOf('\n') + 1);
            Evaluation e = evaluation(broken);
            e.releasedAt = null;
        });

        Evaluation released = Polling.evaluation(broken, Phase.HIDDEN, Duration.ofSeconds(30), "released", e -> e.releasedAt != null);

        assertEquals(EvaluationStatus.SUCCEEDED, released.status());
        assertFalse(released.ladderImproved, "what cannot be decided does not improve");
        assertNull(released.ladderReplicates);
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(evaluation(first).id, evaluation(broken).ladderBest.id, "the best stays");
            assertEquals(evaluation(first).id, Team.<Team>find("name", name).firstResult().releasedBestEvaluationId);
        });
    }

    private static Evaluation evaluation(long submission) {
        return Evaluation.find("submission.id = ?1 and phase = ?2", submission, Phase.HIDDEN).firstResult();
    }

    private static void decided(Evaluation e, boolean improved, Evaluation best) {
        e.ladderImproved = improved;
        e.ladderBest = best;
        e.ladderReplicates = null;
    }

    private double truthful(String image) {
        return dataset.truth(Phase.HIDDEN).contents().truth().get(StudyProbabilities.studyOf(image)).gold() == 1 ? 0.9 : 0.1;
    }

    /** A released hidden success of the team, as a worker and the release clock would have left it. */
    private long record(String team, String model, Instant finishedAt, Function<String, Double> probability) throws IOException {
        DatasetService.Truth truth = dataset.truth(Phase.HIDDEN);
        Map<String, Double> images = new LinkedHashMap<>();
        for (String image : Files.readAllLines(TestData.dataset().resolve("MURA-v1.1/test_image_paths.csv"))) {
            images.put(image, Math.min(1.0, probability.apply(image)));
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Submission s = new Submission();
            s.team = Team.<Team>find("name", team).firstResult();
            s.kind = Manifest.Kind.ONNX;
            s.modelName = model;
            s.manifest = "{\"name\": \"" + model + "\", \"input\": {\"height\": 8, \"width\": 8}}";
            s.sha256 = "0".repeat(64);
            s.sizeBytes = 1;
            s.createdAt = finishedAt;
            s.taggedAt = finishedAt;
            s.persist();
            Evaluation e = new Evaluation();
            e.submission = s;
            e.phase = Phase.HIDDEN;
            e.transitionTo(EvaluationStatus.QUEUED, finishedAt);
            e.transitionTo(EvaluationStatus.RUNNING, finishedAt);
            e.transitionTo(EvaluationStatus.SUCCEEDED, finishedAt);
            e.releasedAt = releases.tick(finishedAt);
            e.persist();
            Result r = new Result();
            r.evaluation = e;
            r.version = 1;
            r.score(new Scorer(AurocBootstrap.DEFAULT).score(truth.contents().truth(),
                    StudyProbabilities.fromImages(images, Aggregation.MEAN)));
            r.predictions = PredictionsCsv.write(images);
            r.truthSha256 = truth.sha256();
            r.createdAt = finishedAt;
            r.persist();
            return s.id;
        });
    }
}

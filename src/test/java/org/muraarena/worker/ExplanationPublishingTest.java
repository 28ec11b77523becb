package org.muraarena.worker;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.evaluation.EvaluationQueue;
import org.muraarena.competition.submission.ExplanationStore;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.Compute;
import org.muraarena.core.Manifest;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.dataset.MuraTree;
import org.muraarena.http.api.TeamResourceTest;
import org.muraarena.sandbox.ExplanationPick;
import org.muraarena.sandbox.ExplanationPicks;
import org.muraarena.sandbox.Explanations;
import org.muraarena.sandbox.RunListener;
import org.muraarena.sandbox.RunOutcome;
import org.muraarena.sandbox.RunRequest;
import org.muraarena.sandbox.Sandbox;
import org.muraarena.sandbox.Sandboxes;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.NoWorkerProfile;
import org.muraarena.testing.QueueFixtures;

/**
 * The worker publishes a dry run's metrics as soon as the sandbox has its predictions, and its
 * explanations after them, with their progress in between. A scripted sandbox holds the run
 * between the two, so that the order is seen, not raced; the real sandbox's maps are tested with
 * the baseline in {@code DryRunExplanationsTest}.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
@TestProfile(NoWorkerProfile.class)
class ExplanationPublishingTest {
    static final EvaluationQueue.Capabilities ONNX = new EvaluationQueue.Capabilities(Set.of(Manifest.Kind.ONNX), false);

    @Inject
    EvaluationQueue queue;
    @Inject
    DatasetService dataset;
    @Inject
    ArtifactFetcher artifacts;
    @Inject
    Clock clock;
    @Inject
    ArenaConfig config;
    @Inject
    EvaluationMetrics metrics;
    @Inject
    ExplanationStore store;

    @BeforeEach
    void drain() {
        QueueFixtures.drain();
    }

    @Test
    void metricsAppearWhenTheRunIsScoredTheGalleryFollowsWithItsProgress() throws Exception {
        String team = TeamResourceTest.createTeam("Explained Elbows " + System.nanoTime());
        String other = TeamResourceTest.createTeam("Prying Phalanges " + System.nanoTime());
        long id = QueueFixtures.upload(team, "explained");
        EvaluationQueue.Claim claim = queue.claim("explain-test", ONNX).orElseThrow();
        Scripted sandbox = new Scripted();
        EvaluationRunner runner = new EvaluationRunner(queue, new Sandboxes(null) {
            @Override
            public Optional<Sandbox> forKind(Manifest.Kind kind) {
                return Optional.of(sandbox);
            }
        }, dataset, artifacts, clock, config, metrics, store);
        Path work = Files.createTempDirectory("explain-test");
        Thread worker = new Thread(() -> runner.run(claim, work), "explain-test-runner");
        worker.start();
        try {
            assertTrue(sandbox.predictionsDelivered.await(60, TimeUnit.SECONDS), "the sandbox should hand over its predictions");

            JsonPath during = view(team, id);
            assertEquals("SUCCEEDED", during.getString("dryRun.status"), during.prettify());
            assertNotNull(during.get("dryRun.metrics.overall.kappa"), "the metrics are there while the maps are computed");
            assertEquals("RUNNING", during.getString("dryRun.explanationProgress.state"));
            assertEquals(3, during.getInt("dryRun.explanationProgress.done"));
            assertEquals(10, during.getInt("dryRun.explanationProgress.total"));
            assertEquals(0, during.getList("dryRun.explanations").size());
            String page = given().header("Authorization", "Bearer " + team).when().get("/submissions/" + id)
                    .then().statusCode(200).extract().asString();
            assertTrue(page.contains("3 / 10 batches") && page.contains("data-refresh"), "the page shows the progress and follows it");
        } finally {
            sandbox.release.countDown();
            worker.join(60_000);
        }

        JsonPath after = view(team, id);
        assertEquals("DONE", after.getString("dryRun.explanationProgress.state"), after.prettify());
        assertEquals(true, after.getBoolean("dryRun.reliable"));
        List<Map<String, Object>> items = after.getList("dryRun.explanations");
        assertEquals(sandbox.picks.size(), items.size());
        assertEquals(8, items.size(), "four right and four wrong");
        assertEquals(1.5, after.getDouble("dryRun.compute.cpuSeconds"), 1e-9, "the whole run's cost, explanations included");
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> item = items.get(i);
            ExplanationPick pick = sandbox.picks.get(i);
            assertEquals(pick.study(), item.get("study"));
            assertEquals(pick.image(), item.get("image"));
            assertEquals(pick.correct(), item.get("correct"));
            String overlay = (String) item.get("overlayUrl");
            assertEquals("/submissions/" + id + "/explanations/" + (i + 1) + "/overlay.png", overlay);
            assertArrayEquals(png(i, 1), given().header("Authorization", "Bearer " + team).when().get(overlay)
                    .then().statusCode(200).contentType("image/png").extract().asByteArray());
            assertArrayEquals(png(i, 2), given().header("Authorization", "Bearer " + ArenaTestResource.ADMIN_TOKEN)
                    .when().get((String) item.get("mapUrl")).then().statusCode(200).extract().asByteArray());
            given().header("Authorization", "Bearer " + other).when().get(overlay).then().statusCode(404);
            int anonymous = given().redirects().follow(false).when().get(overlay).then().extract().statusCode();
            assertTrue(anonymous == 302 || anonymous == 303 || anonymous == 401, "no picture without credentials: " + anonymous);
        }
        byte[] radiograph = given().header("Authorization", "Bearer " + team).when().get((String) items.get(0).get("imageUrl"))
                .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(Files.readAllBytes(dataset.root().resolve(sandbox.picks.get(0).image())), radiograph);
        given().header("Authorization", "Bearer " + team).when().get("/submissions/" + id + "/explanations/9/overlay.png")
                .then().statusCode(404);
    }

    private static JsonPath view(String token, long id) {
        return given().header("Authorization", "Bearer " + token).when().get("/api/submissions/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    /** A distinct small PNG per explanation and picture. */
    static byte[] png(int index, int which) throws IOException {
        BufferedImage image = new BufferedImage(4 + index, 3 + which, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x102030 * (index + 1) + which);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /**
     * Predicts the sample set from its labels (a few studies wrong), hands the predictions over,
     * reports some progress, waits to be released, then returns picks with made-up PNGs.
     */
    private static final class Scripted implements Sandbox {
        final CountDownLatch predictionsDelivered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile List<ExplanationPick> picks;

        @Override
        public boolean supports(Manifest.Kind kind) {
            return true;
        }

        @Override
        public RunOutcome run(RunRequest request, RunListener listener) {
            Map<String, Integer> labels = request.explain().orElseThrow().studyLabels();
            Map<String, Double> images = new TreeMap<>();
            int n = 0;
            try {
                for (MuraStudy study : new MuraTree(request.datasetRoot()).studies(request.set())) {
                    boolean wrong = n++ % 5 == 0;
                    int label = labels.get(study.path());
                    for (String image : study.images()) {
                        images.put(image, (label == 1) != wrong ? 0.7 + 0.01 * (n % 20) : 0.3 - 0.01 * (n % 20));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            RunOutcome outcome = new RunOutcome(images, "scripted", null);
            listener.predictionsReady(outcome);
            listener.explainProgress(3, 10);
            predictionsDelivered.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
                picks = ExplanationPicks.pick(images, labels, request.manifest().aggregation(), request.explain().get().perSide());
                List<Explanations.Item> items = new ArrayList<>();
                for (int i = 0; i < picks.size(); i++) {
                    items.add(new Explanations.Item(picks.get(i), 4 + i, 4, png(i, 1), png(i, 2)));
                }
                listener.explainProgress(10, 10);
                return outcome.withCompute(new Compute(1.5, null))
                        .withExplanations(new Explanations(Explanations.State.DONE, true, 0.1, null, items));
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

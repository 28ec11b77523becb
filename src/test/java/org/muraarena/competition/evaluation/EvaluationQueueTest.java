package org.muraarena.competition.evaluation;

import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.Phase;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.ArtifactStore;
import org.muraarena.core.Manifest;
import org.muraarena.core.ManifestCodec;
import org.muraarena.competition.submission.Submission;
import org.muraarena.competition.submission.SubmissionService;
import org.muraarena.competition.team.Team;
import org.muraarena.http.api.TeamResourceTest;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.NoWorkerProfile;
import org.muraarena.testing.Polling;
import org.muraarena.testing.QueueFixtures;

/** The queue on the real PostgreSQL: order and fairness, capabilities, leases, fencing, attempts. */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
@TestProfile(NoWorkerProfile.class)
class EvaluationQueueTest {
    static final EvaluationQueue.Capabilities ONNX = new EvaluationQueue.Capabilities(Set.of(Manifest.Kind.ONNX), false);

    @Inject
    EvaluationQueue queue;
    @Inject
    SubmissionService submissions;

    @BeforeEach
    void drain() {
        QueueFixtures.drain();
    }

    long claimedSubmission(Optional<EvaluationQueue.Claim> claim) {
        assertTrue(claim.isPresent(), "a job should be claimable");
        return QuarkusTransaction.requiringNew().call(() ->
                Evaluation.<Evaluation>findById(claim.get().evaluationId()).submission.id);
    }

    void succeed(EvaluationQueue.Claim claim) {
        assertTrue(queue.whileOwned(claim, e -> e.transitionTo(EvaluationStatus.SUCCEEDED, Instant.now())));
    }

    @Test
    void dryRunsGoRoundRobinAcrossTeams() {
        String a = TeamResourceTest.createTeam("rr-a-" + System.nanoTime());
        String b = TeamResourceTest.createTeam("rr-b-" + System.nanoTime());
        long a1 = QueueFixtures.upload(a, "a1");
        long a2 = QueueFixtures.upload(a, "a2");
        long a3 = QueueFixtures.upload(a, "a3");
        long b1 = QueueFixtures.upload(b, "b1");

        // Team A queued three before B's one, yet B's comes second; each finishes before the next claim.
        assertEquals(List.of(a1, b1, a2, a3), claimAndFinish(4));
        assertTrue(queue.claim("w", ONNX).isEmpty());
    }

    @Test
    void aTeamRunsOneDryRunAtATimeWhileAnotherTeamsProceeds() {
        String a = TeamResourceTest.createTeam("one-a-" + System.nanoTime());
        String b = TeamResourceTest.createTeam("one-b-" + System.nanoTime());
        long a1 = QueueFixtures.upload(a, "a1");
        long a2 = QueueFixtures.upload(a, "a2");
        long b1 = QueueFixtures.upload(b, "b1");

        EvaluationQueue.Claim first = queue.claim("slot-1", ONNX).orElseThrow();
        assertEquals(a1, claimedSubmission(Optional.of(first)));
        EvaluationQueue.Claim second = queue.claim("slot-2", ONNX).orElseThrow();
        assertEquals(b1, claimedSubmission(Optional.of(second)), "A's second dry run waits for its first; B's goes");
        assertTrue(queue.claim("slot-3", ONNX).isEmpty(), "a free slot does not start A's second dry run");
        succeed(first);
        assertEquals(a2, claimedSubmission(queue.claim("slot-1", ONNX)));
    }

    @Test
    void hiddenRunsTakeTurnsWithDryRunsOneHiddenRunPerTeam() {
        String a = TeamResourceTest.createTeam("turns-a-" + System.nanoTime());
        String b = TeamResourceTest.createTeam("turns-b-" + System.nanoTime());
        long a1 = QueueFixtures.upload(a, "a1");
        long a2 = QueueFixtures.upload(a, "a2");
        long a3 = QueueFixtures.upload(a, "a3");
        long b1 = QueueFixtures.upload(b, "b1");
        claimAndFinish(4);

        // Team A tags three, then B one; then A uploads another model. The last claim took a dry
        // run, so a hidden run goes next; then A's new dry run; then B's hidden run, which it passed.
        for (long s : new long[] {a1, a2, a3}) {
            tag(a, s);
        }
        tag(b, b1);
        long a4 = QueueFixtures.upload(a, "a4");
        Optional<EvaluationQueue.Claim> h1 = queue.claim("w", ONNX);
        assertEquals(a1, claimedSubmission(h1), "after a dry run, a waiting hidden run goes first");
        assertEquals(a4, claimedSubmission(queue.claim("w", ONNX)), "after a hidden run, a dry run may go");
        Optional<EvaluationQueue.Claim> h2 = queue.claim("w", ONNX);
        assertEquals(b1, claimedSubmission(h2), "team A has a hidden run running: B's goes next");
        assertTrue(queue.claim("w", ONNX).isEmpty(), "A may not run two hidden runs at once; its others wait");
        succeed(h1.get());
        assertEquals(a2, claimedSubmission(queue.claim("w", ONNX)));
    }

    @Test
    void aWaitingHiddenRunIsPassedByAtMostOneDryRunWithOneSlot() {
        hiddenRunsWaitForAtMostOneDryRunEach(1);
    }

    @Test
    void aWaitingHiddenRunIsPassedByAtMostOneDryRunWithTwoSlots() {
        hiddenRunsWaitForAtMostOneDryRunEach(2);
    }

    /**
     * Two teams stream dry runs queued before three other teams tag; workers with {@code slots}
     * slots finish their jobs oldest first and claim one after another. No hidden run sees more
     * than one dry run claimed between its tag and its own claim.
     */
    private void hiddenRunsWaitForAtMostOneDryRunEach(int slots) {
        List<String> hidden = new ArrayList<>();
        List<Long> passed = new ArrayList<>();
        for (String name : new String[] {"b", "d", "e"}) {
            String token = TeamResourceTest.createTeam("pass-" + name + "-" + System.nanoTime());
            long s = QueueFixtures.upload(token, name);
            claimAndFinish(1);
            hidden.add(token);
            passed.add(s);
        }
        for (String name : new String[] {"a", "c"}) {
            String token = TeamResourceTest.createTeam("stream-" + name + "-" + System.nanoTime());
            for (int i = 0; i < 5; i++) {
                QueueFixtures.upload(token, name + i);
            }
        }
        for (int i = 0; i < hidden.size(); i++) {
            tag(hidden.get(i), passed.get(i));
        }
        java.util.ArrayDeque<EvaluationQueue.Claim> running = new java.util.ArrayDeque<>();
        int dryRunsClaimed = 0;
        List<Long> startedHidden = new ArrayList<>();
        while (startedHidden.size() < passed.size()) {
            while (running.size() < slots) {
                Optional<EvaluationQueue.Claim> claim = queue.claim("slot-" + running.size(), ONNX);
                if (claim.isEmpty()) {
                    break;
                }
                running.add(claim.get());
                if (phase(claim.get()) == Phase.HIDDEN) {
                    startedHidden.add(claimedSubmission(claim));
                    assertTrue(dryRunsClaimed <= 1, "hidden run " + startedHidden.size() + " of " + passed.size()
                            + " started after " + dryRunsClaimed + " dry runs were claimed (slots " + slots + ")");
                } else {
                    dryRunsClaimed++;
                }
            }
            assertFalse(running.isEmpty(), "jobs are queued, so some slot runs one");
            succeed(running.poll());
        }
        assertEquals(new java.util.HashSet<>(passed), new java.util.HashSet<>(startedHidden));
    }

    @Test
    void aTeamSeesItsQueuedDryRunsPlaceButNoPlaceForHiddenRuns() {
        String a = TeamResourceTest.createTeam("place-a-" + System.nanoTime());
        String b = TeamResourceTest.createTeam("place-b-" + System.nanoTime());
        long a1 = QueueFixtures.upload(a, "a1");
        long a2 = QueueFixtures.upload(a, "a2");
        long a3 = QueueFixtures.upload(a, "a3");
        long b1 = QueueFixtures.upload(b, "b1");
        assertEquals(List.of(1, 3, 4), List.of(place(a, a1), place(a, a2), place(a, a3)));
        assertEquals(2, place(b, b1), "round robin: B's first goes before A's second");

        EvaluationQueue.Claim claim = queue.claim("w", ONNX).orElseThrow();
        assertNull(view(a, a1).get("dryRun.queuePosition"), "a running dry run has no place");
        assertEquals(List.of(1, 2, 3), List.of(place(b, b1), place(a, a2), place(a, a3)));

        succeed(claim);
        tag(a, a1);
        assertEquals("RUNNING", view(a, a1).getString("evaluation.status"), "queued, but not said: it would time the run ahead");
        assertNull(view(a, a1).get("evaluation.queuePosition"), "a hidden run's place is never shown");
    }

    static io.restassured.path.json.JsonPath view(String token, long submission) {
        return given().header("Authorization", "Bearer " + token).get("/api/submissions/" + submission)
                .then().statusCode(200).extract().jsonPath();
    }

    static int place(String token, long submission) {
        return view(token, submission).getInt("dryRun.queuePosition");
    }

    Phase phase(EvaluationQueue.Claim claim) {
        return QuarkusTransaction.requiringNew().call(() -> Evaluation.<Evaluation>findById(claim.evaluationId()).phase);
    }

    /** Claims and finishes {@code n} jobs one after another; returns their submissions in claim order. */
    List<Long> claimAndFinish(int n) {
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Optional<EvaluationQueue.Claim> claim = queue.claim("w", ONNX);
            order.add(claimedSubmission(claim));
            succeed(claim.get());
        }
        return order;
    }

    @Test
    void workersClaimingAtOnceNeverRunTwoHiddenRunsOfOneTeam() throws Exception {
        String t = TeamResourceTest.createTeam("race-cap-" + System.nanoTime());
        List<Long> submissions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long s = QueueFixtures.upload(t, "cap-" + i);
            succeed(queue.claim("w", ONNX).orElseThrow());
            submissions.add(s);
        }
        for (long s : submissions) {
            tag(t, s);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 4; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<EvaluationQueue.Claim>>> claims = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    String name = "racer-" + w;
                    claims.add(pool.submit(() -> {
                        go.await();
                        return queue.claim(name, ONNX);
                    }));
                }
                go.countDown();
                List<EvaluationQueue.Claim> won = new ArrayList<>();
                for (Future<Optional<EvaluationQueue.Claim>> f : claims) {
                    f.get().ifPresent(won::add);
                }
                assertEquals(1, won.size(), "round " + round + ": one hidden run of the team at a time, got " + won);
                succeed(won.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWorkerTakesOnlyJobsItCanRun() {
        String name = "caps-" + System.nanoTime();
        TeamResourceTest.createTeam(name);
        long gpuJob = QuarkusTransaction.requiringNew().call(() -> {
            Team team = Team.byName(name);
            String json = "{\"name\": \"needs-gpu\", \"kind\": \"container\", \"gpu\": true}";
            Submission s = submissions.record(team, ManifestCodec.parse(json), json,
                    new ArtifactStore.Stored("0".repeat(64), 1, null));
            submissions.queue(s, Phase.DRY_RUN);
            return s.id;
        });
        assertTrue(queue.claim("cpu-onnx", ONNX).isEmpty(), "an ONNX-only worker does not take a container");
        var cpuContainers = new EvaluationQueue.Capabilities(Set.of(Manifest.Kind.ONNX, Manifest.Kind.CONTAINER), false);
        assertTrue(queue.claim("cpu", cpuContainers).isEmpty(), "a worker without a GPU does not take a GPU container");
        var gpu = new EvaluationQueue.Capabilities(Set.of(Manifest.Kind.ONNX, Manifest.Kind.CONTAINER), true);
        assertEquals(gpuJob, claimedSubmission(queue.claim("gpu", gpu)));
    }

    @Test
    void anExpiredLeaseIsRequeuedFencedAndFailsAfterMaxAttempts() throws InterruptedException {
        String t = TeamResourceTest.createTeam("lease-" + System.nanoTime());
        long s = QueueFixtures.upload(t, "lease");
        EvaluationQueue.Claim first = queue.claim("dies", ONNX).orElseThrow();
        assertEquals(1, first.attempt());
        // The worker dies: no heartbeat. The janitor re-queues the job once the 2 s lease runs out.
        Evaluation e = awaitStatus(s, EvaluationStatus.QUEUED);
        assertTrue(e.log.contains("worker dies stopped answering"), e.log);
        assertFalse(queue.whileOwned(first, x -> x.error = "late"), "a late write of the dead attempt is refused");

        EvaluationQueue.Claim second = queue.claim("also-dies", ONNX).orElseThrow();
        assertEquals(2, second.attempt());
        e = awaitStatus(s, EvaluationStatus.FAILED);
        assertEquals("INTERNAL", e.failureClass);
        assertTrue(e.error.contains("gave up after 2 attempts"), e.error);
        assertFalse(queue.whileOwned(first, x -> { }));
        assertFalse(queue.whileOwned(second, x -> { }));

        // An organizer re-queues it: a fresh allowance of attempts, the counter still growing.
        given().header("Authorization", "Bearer " + ArenaTestResource.ADMIN_TOKEN)
                .post("/api/admin/evaluations/" + e.id + "/requeue").then().statusCode(200);
        EvaluationQueue.Claim third = queue.claim("lives", ONNX).orElseThrow();
        assertEquals(3, third.attempt());
        // Heartbeats keep the lease past its 2 s: the sleeps let that time pass on purpose.
        for (int i = 0; i < 6; i++) {
            Thread.sleep(500);
            assertTrue(queue.whileOwned(third, x -> { }), "a heartbeating worker keeps its job");
        }
        succeed(third);
        assertEquals(EvaluationStatus.SUCCEEDED, QueueFixtures.evaluation(s, Phase.DRY_RUN).status());
    }

    /** The janitor's period is a quarter of the 2 s lease: a change it makes shows within seconds. */
    static Evaluation awaitStatus(long submission, EvaluationStatus status) {
        return Polling.evaluation(submission, Phase.DRY_RUN, Duration.ofSeconds(15), "becomes " + status, e -> e.status() == status);
    }

    static void tag(String token, long submission) {
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"tag\": \"mura-submit\"}").post("/api/submissions/" + submission + "/tag").then().statusCode(202);
    }
}

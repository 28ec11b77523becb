package org.muraarena.sandbox.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.dataset.MuraTree;
import org.muraarena.core.FailureClass;
import org.muraarena.sandbox.RunListener;
import org.muraarena.sandbox.RunOutcome;
import org.muraarena.sandbox.RunRequest;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.core.Aggregation;
import org.muraarena.core.Manifest;
import org.muraarena.testing.TestData;
import org.muraarena.testing.Polling;
import static org.muraarena.testing.ComputeChecks.assertPlausibleCpu;

/**
 * The container sandbox against a real Docker engine: the example team image, then every
 * adversarial image of {@code sandbox/adversarial/} (each prints {@code ATTEMPT ... -> BLOCKED}
 * or {@code -> ESCAPED}) on a small hidden-shaped set whose labels sit beside it on the host.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerSandboxTest {
    static final Manifest MANIFEST = SandboxTestManifests.CONTAINER;
    /** The defaults, with the memory and time the brief's suite asks for. */
    static final ContainerLimits LIMITS = new ContainerLimits(512L << 20, 256, 2, 256L << 20, 64L << 20, 1L << 20,
            Duration.ofSeconds(120), "10001:10001");
    private static final int STUDIES = 6;

    private static DockerEngine engine;
    private static Path dataset;
    private static int studies;

    @TempDir
    Path work;

    @BeforeAll
    static void engineAndData(@TempDir Path root) throws IOException {
        engine = Engine.reachableOrSkip();
        dataset = smallHiddenSet(root.resolve("mura"), STUDIES);
        studies = new MuraTree(dataset).studies("test").size();
    }

    /** The first studies of the generated hidden set, and their labels beside MURA-v1.1/ as on a real server. */
    static Path smallHiddenSet(Path root, int count) throws IOException {
        Path full = TestData.dataset();
        List<MuraStudy> chosen = new MuraTree(full).studies("test").subList(0, count);
        List<String> images = new ArrayList<>();
        StringBuilder labels = new StringBuilder();
        for (MuraStudy s : chosen) {
            for (String image : s.images()) {
                Path target = root.resolve(image);
                Files.createDirectories(target.getParent());
                Files.copy(full.resolve(image), target);
                images.add(image);
            }
            labels.append(s.path()).append(",1\n");
        }
        Files.write(root.resolve("MURA-v1.1/test_image_paths.csv"), images, StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("labels"));
        Files.writeString(root.resolve("labels/test_labeled_studies.csv"), labels);
        return root;
    }

    /** What the sandbox reported: every log line, progress, and a cancel switch. */
    static final class Recorder implements RunListener {
        final List<String> log = new CopyOnWriteArrayList<>();
        final AtomicLong logBytes = new AtomicLong();
        volatile int done = -1;
        volatile int total = -1;
        volatile boolean cancel;

        @Override
        public void progress(int done, int total) {
            this.done = done;
            this.total = total;
        }

        @Override
        public void log(String line) {
            log.add(line);
            logBytes.addAndGet(line.getBytes(StandardCharsets.UTF_8).length + 1);
        }

        @Override
        public boolean cancelled() {
            return cancel;
        }

        /** The first line holding {@code part}, or -1. */
        int indexOf(String part) {
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).contains(part)) {
                    return i;
                }
            }
            return -1;
        }

        String text() {
            return String.join("\n", log);
        }
    }

    private RunOutcome run(String image, ContainerLimits limits, Recorder recorder) throws SandboxFailure {
        RunRequest request = new RunRequest(4242, Engine.image(image + ".tar"), MANIFEST, dataset, "test", work, true);
        return new ContainerSandbox(engine, limits).run(request, recorder);
    }

    private SandboxFailure fails(String image, ContainerLimits limits, Recorder recorder, FailureClass expected) {
        SandboxFailure failure = assertThrows(SandboxFailure.class, () -> run(image, limits, recorder), recorder::text);
        assertEquals(expected, failure.failureClass(), failure.getMessage() + "\n" + recorder.text());
        assertTrue(recorder.log.stream().noneMatch(l -> l.contains("ESCAPED")), recorder.text());
        return failure;
    }

    private void blockedEverything(String image) {
        Recorder recorder = new Recorder();
        SandboxFailure failure = fails(image, LIMITS, recorder, FailureClass.EXIT_CODE);
        assertEquals("exit code 3", failure.getMessage());
        assertTrue(recorder.log.stream().anyMatch(l -> l.contains("-> BLOCKED")), recorder.text());
    }

    @Test
    @Order(1)
    void theExampleImagePredictsEveryStudyOfTheSet() throws Exception {
        Recorder recorder = new Recorder();
        long t0 = System.nanoTime();
        RunOutcome outcome = run("example", LIMITS, recorder);
        // Exited by itself: the engine's last sample, up to a second before its end.
        assertPlausibleCpu(outcome.compute(), t0, "example container");
        assertNull(outcome.compute().gpuSeconds(), "no GPU asked for");
        assertEquals(RunOutcome.Level.STUDY, outcome.level());
        assertEquals(studies, outcome.probabilities().size(), recorder.text());
        assertTrue(outcome.probabilities().values().stream().allMatch(p -> p >= 0 && p <= 1));
        assertEquals("docker", outcome.provider());
        assertEquals(recorder.total, recorder.done);
        assertTrue(recorder.total > studies);
        assertTrue(recorder.log.stream().anyMatch(l -> l.startsWith("predict.py:")), recorder.text());
    }

    @Test
    @Order(2)
    void networkAttemptsAreAllBlocked() {
        blockedEverything("network");
    }

    @Test
    @Order(2)
    void noLabelOrSecretIsVisible() {
        blockedEverything("read-labels");
    }

    @Test
    @Order(2)
    void nothingOutsideTheOutputFolderIsWritable() {
        blockedEverything("write-outside");
    }

    @Test
    @Order(2)
    void privilegeEscalationIsBlocked() {
        blockedEverything("escalate");
    }

    @Test
    @Order(2)
    void aForkBombStopsAtThePidsLimit() {
        blockedEverything("fork-bomb");
    }

    @Test
    @Order(2)
    void fillingTmpStopsAtItsCap() {
        blockedEverything("fill-tmp");
    }

    @Test
    @Order(2)
    void aMemoryHogIsKilledAsMemoryLimit() {
        fails("memory-hog", LIMITS, new Recorder(), FailureClass.MEMORY_LIMIT);
    }

    @Test
    @Order(2)
    void aSleeperIsKilledAtTheTimeLimit() {
        Recorder recorder = new Recorder();
        long start = System.nanoTime();
        SandboxFailure failure = fails("sleeper", LIMITS.withTimeLimit(Duration.ofSeconds(10)), recorder, FailureClass.TIME_LIMIT);
        assertTrue(failure.getMessage().contains("10 s"), failure.getMessage());
        // Frozen and read before the kill: its Python's start, then nothing while it slept.
        assertPlausibleCpu(failure.compute().orElseThrow(), start, "sleeper killed at the time limit");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(40).toNanos(), "took too long to stop");
    }

    @Test
    @Order(2)
    void aCancelledRunStopsWithinSeconds() throws Exception {
        Recorder recorder = new Recorder();
        Thread canceller = new Thread(() -> {
            try {
                Polling.upTo(Duration.ofSeconds(120), "the container starts")
                        .until(() -> recorder.log.stream().anyMatch(l -> l.contains("started")));
                Thread.sleep(1000); // on purpose: the cancel must stop a container that has been running
                recorder.cancel = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();
        long start = System.nanoTime();
        fails("sleeper", LIMITS, recorder, FailureClass.CANCELLED);
        canceller.join();
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "the cancel took too long");
        assertLabelledContainers(0);
    }

    @Test
    @Order(2)
    void aLogFloodIsStoppedAt64TimesTheKeptLogWhichStaysAboutOneMebibyte() {
        Recorder recorder = new Recorder();
        long start = System.nanoTime();
        SandboxFailure failure = fails("log-flood", LIMITS, recorder, FailureClass.INVALID_OUTPUT);
        assertTrue(failure.getMessage().contains("more than 64 MiB to stdout/stderr"), failure.getMessage());
        // It burnt CPU writing 64 MiB: frozen and read before the kill.
        assertPlausibleCpu(failure.compute().orElseThrow(), start, "log flood stopped at 64 MiB");
        assertTrue(recorder.logBytes.get() <= (1L << 20) + (16L << 10), "kept " + recorder.logBytes.get() + " bytes");
        int dropped = recorder.indexOf("dropped here");
        assertTrue(dropped > 0, "no word on what was dropped");
        assertTrue(recorder.log.subList(0, dropped).stream().anyMatch(l -> l.startsWith("ATTEMPT flood")), "the head is kept");
        assertTrue(recorder.log.subList(dropped + 1, recorder.log.size()).stream().anyMatch(l -> l.startsWith("log-flood x")),
                "the tail is kept");
        assertTrue(recorder.log.stream().noneMatch(l -> l.contains("wrote 1 GiB")), "stopped before the flood's end");
    }

    @Test
    @Order(2)
    void aHugeOutputIsRefusedNamingTheCap() {
        SandboxFailure failure = fails("big-output", LIMITS, new Recorder(), FailureClass.INVALID_OUTPUT);
        assertTrue(failure.getMessage().contains("64 MiB"), failure.getMessage());
    }

    @Test
    @Order(2)
    void anOutOfRangeOutputIsInvalidAndAHiddenRunSaysNoMore() {
        Recorder recorder = new Recorder();
        SandboxFailure failure = fails("bad-output", LIMITS, recorder, FailureClass.INVALID_OUTPUT);
        assertFalse(failure.getMessage().contains("MURA-v1.1"), failure.getMessage());
        assertTrue(recorder.log.stream().anyMatch(l -> l.startsWith("[sandbox] invalid output: OUTPUT_CSV:")), recorder.text());
    }

    @Test
    @Order(2)
    void aNonZeroExitIsReportedWithItsCode() {
        assertEquals("exit code 7", fails("exit-7", LIMITS, new Recorder(), FailureClass.EXIT_CODE).getMessage());
    }

    @Test
    @Order(2)
    void anImageTheEngineLacksIsLoadedFromTheArtifactAtRunTime(@TempDir Path scratch) throws Exception {
        // A tiny image never seen before (a label makes its ID new): the run must load it from the
        // artifact, then stop it at the time limit (it pauses forever).
        HolderImage.Saved saved = HolderImage.saveTarball("{\"Entrypoint\":[\"/pause\"],\"Labels\":{\"test\":\""
                + System.nanoTime() + "\"}}");
        Path artifact = Files.write(scratch.resolve("pause.tar"), saved.tarball());
        Recorder recorder = new Recorder();
        RunRequest request = new RunRequest(4244, artifact, MANIFEST, dataset, "test", work, false);
        try {
            SandboxFailure failure = assertThrows(SandboxFailure.class,
                    () -> new ContainerSandbox(engine, LIMITS.withTimeLimit(Duration.ofSeconds(3))).run(request, recorder));
            assertEquals(FailureClass.TIME_LIMIT, failure.failureClass(), failure.getMessage());
            assertTrue(recorder.log.stream().anyMatch(l -> l.contains("loading image " + saved.imageId())), recorder.text());
        } finally {
            engine.client().removeImageCmd(saved.imageId()).withForce(true).exec();
        }
    }

    @Test
    @Order(2)
    void anImageWithoutEntrypointFailsAsInvalidModel(@TempDir Path scratch) throws Exception {
        HolderImage.Saved saved = HolderImage.saveTarball("{\"Cmd\":[\"/pause\"]}");
        Path artifact = Files.write(scratch.resolve("no-entrypoint.tar"), saved.tarball());
        try {
            RunRequest request = new RunRequest(4245, artifact, MANIFEST, dataset, "test", work, false);
            SandboxFailure failure = assertThrows(SandboxFailure.class,
                    () -> new ContainerSandbox(engine, LIMITS).run(request, new Recorder()));
            assertEquals(FailureClass.INVALID_MODEL, failure.failureClass(), failure.getMessage());
            assertTrue(failure.getMessage().contains("entrypoint could not be started"), failure.getMessage());
        } finally {
            engine.client().removeImageCmd(saved.imageId()).withForce(true).exec();
        }
    }

    @Test
    @Order(3)
    void afterTheSuiteTheExampleStillSucceedsAndNothingIsLeft() throws Exception {
        theExampleImagePredictsEveryStudyOfTheSet();
        assertLabelledContainers(0);
        assertTrue(engine.reachable());
    }

    /** This process's containers and volumes (other processes may share the engine). */
    static void assertLabelledContainers(int expected) {
        List<String> ours = List.of(DockerEngine.EVALUATION_LABEL, DockerEngine.OWNER_LABEL + "=" + DockerEngine.OWNER);
        assertEquals(expected, engine.client().listContainersCmd().withShowAll(true).withLabelFilter(ours).exec().size());
        assertEquals(expected, engine.client().listVolumesCmd().withFilter("label", ours).exec().getVolumes().size());
    }

    @AfterAll
    static void nothingLeft() {
        if (engine != null && engine.reachable()) {
            assertLabelledContainers(0);
        }
    }
}

package org.muraarena.sandbox.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.core.FailureClass;
import org.muraarena.sandbox.RunRequest;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.core.Aggregation;
import org.muraarena.core.Manifest;

/** What the container sandbox does without any Docker engine. */
class ContainerSandboxOfflineTest {
    private static final DockerEngine NOWHERE = new DockerEngine(Optional.of("unix:///nonexistent/arena-test.sock"));

    @TempDir
    Path dir;

    @Test
    void uploadsAreCheckedOfflineWhenNoEngineAnswers() throws Exception {
        ContainerSandbox sandbox = new ContainerSandbox(NOWHERE, ContainerSandboxTest.LIMITS);
        assertTrue(sandbox.supports(Manifest.Kind.CONTAINER));
        Path good = Files.write(dir.resolve("good.tar"), SaveTarballs.valid().tar());
        assertEquals(List.of(), sandbox.uploadProblems(good, SandboxTestManifests.CONTAINER));
        Path bad = Files.write(dir.resolve("bad.tar"), "plain text".getBytes());
        assertEquals(1, sandbox.uploadProblems(bad, SandboxTestManifests.CONTAINER).size());
    }

    @Test
    void aRunWithoutAnEngineFailsNamingWhereItLooked() throws Exception {
        Path artifact = Files.write(dir.resolve("good.tar"), SaveTarballs.valid().tar());
        RunRequest request = new RunRequest(1, artifact, SandboxTestManifests.CONTAINER, dir, "sample", dir, false);
        SandboxFailure failure = assertThrows(SandboxFailure.class,
                () -> new ContainerSandbox(NOWHERE, ContainerSandboxTest.LIMITS).run(request, new ContainerSandboxTest.Recorder()));
        assertEquals(FailureClass.INTERNAL, failure.failureClass());
        assertEquals("no Docker engine reachable at unix:///nonexistent/arena-test.sock", failure.getMessage());
    }

    @Test
    void aGpuRequestOnAHostWithoutGpusFailsSayingSo() throws Exception {
        Assumptions.assumeFalse(org.muraarena.core.Gpu.present(), "this host has a GPU");
        Manifest gpu = new Manifest("gpu", Manifest.Kind.CONTAINER, Manifest.DEFAULT_INPUT, Manifest.DEFAULT_OUTPUT,
                Aggregation.MEAN, true);
        Path artifact = Files.write(dir.resolve("good.tar"), SaveTarballs.valid().tar());
        RunRequest request = new RunRequest(1, artifact, gpu, dir, "sample", dir, false);
        SandboxFailure failure = assertThrows(SandboxFailure.class,
                () -> new ContainerSandbox(NOWHERE, ContainerSandboxTest.LIMITS).run(request, new ContainerSandboxTest.Recorder()));
        assertEquals(FailureClass.INVALID_MODEL, failure.failureClass());
        assertTrue(failure.getMessage().contains("asks for a GPU"), failure.getMessage());
    }

    @Test
    void theLogKeepsItsHeadLiveAndItsTailAtTheEndSayingWhatWasDropped() {
        ContainerSandboxTest.Recorder recorder = new ContainerSandboxTest.Recorder();
        LogTail log = new LogTail(recorder, 1000);
        for (int i = 0; i < 1000; i++) {
            log.accept(i % 2, ("line " + i + "\n").getBytes());
        }
        log.accept(0, "unfinished".getBytes());
        int live = recorder.log.size();
        log.finish();
        assertEquals("line 0", recorder.log.get(0));
        assertTrue(recorder.log.get(live - 1).contains("only its last"), recorder.log.get(live - 1));
        assertTrue(recorder.log.stream().anyMatch(l -> l.contains("dropped here")), recorder.text());
        assertEquals("unfinished", recorder.log.get(recorder.log.size() - 1));
        assertEquals("line 999", recorder.log.get(recorder.log.size() - 2));
        assertTrue(log.keptBytes() <= 1000, "kept " + log.keptBytes());
    }

    @Test
    void anEndlessLineIsCut() {
        ContainerSandboxTest.Recorder recorder = new ContainerSandboxTest.Recorder();
        LogTail log = new LogTail(recorder, 1 << 20);
        log.accept(0, "x".repeat(100_000).getBytes());
        log.accept(0, "\n".getBytes());
        log.finish();
        assertEquals(LogTail.MAX_LINE + " [cut]".length(), recorder.log.get(0).length());
        assertTrue(recorder.log.get(1).contains((100_000 - LogTail.MAX_LINE) + " bytes"), recorder.text());
    }
}

package org.muraarena.sandbox.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muraarena.core.ArenaConfig;
import org.muraarena.dataset.MuraTree;
import org.muraarena.core.FailureClass;
import org.muraarena.sandbox.RunListener;
import org.muraarena.sandbox.RunOutcome;
import org.muraarena.sandbox.RunRequest;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.core.Aggregation;
import org.muraarena.core.Manifest;
import org.muraarena.core.ManifestCodec;
import org.muraarena.testing.TestData;
import static org.muraarena.testing.ComputeChecks.assertPlausibleCpu;

/**
 * The real thing: every run starts an {@code evaluate-onnx} child JVM on ONNX Runtime over the
 * generated sample set (75 images) with the tiny fixtures (input [N,3,8,8]).
 */
class OnnxSandboxTest {
    private static final Manifest TINY = manifest(8, Manifest.OutputType.PROBABILITY);
    private static final Path NATIVE_CACHE = Path.of("target", "onnx-sandbox-data").toAbsolutePath();
    private static Path dataset;
    private static List<String> sampleImages;

    @TempDir
    Path work;

    @BeforeAll
    static void data() throws Exception {
        dataset = TestData.dataset();
        sampleImages = EvaluateOnnxCommand.images(new MuraTree(dataset), "sample");
    }

    static Manifest manifest(int side, Manifest.OutputType type) {
        Manifest.Input in = new Manifest.Input(null, Manifest.Layout.NCHW, 3, side, side, 255.0,
                List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225), Manifest.Resize.STRETCH);
        return new Manifest("tiny", Manifest.Kind.ONNX, in, new Manifest.Output(null, type, 0), Aggregation.MEAN, false);
    }

    /** ArenaConfig answering only what the sandbox asks, so new config methods never break this test. */
    static ArenaConfig config(Duration timeLimit) {
        Map<String, Object> onnx = Map.of("childHeap", "512m", "timeLimit", timeLimit, "batchSize", 8, "threads", 1);
        Object onnxConfig = proxy(ArenaConfig.Onnx.class, onnx);
        return proxy(ArenaConfig.class, Map.of("dataDir", NATIVE_CACHE.toString(), "onnx", onnxConfig));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException("test config has no " + method.getName());
            }
            return answers.get(method.getName());
        });
    }

    /** Records what the sandbox reports; cancelled once {@code cancelWhen} holds for a log line. */
    static class Recorder implements RunListener {
        final List<String> log = new CopyOnWriteArrayList<>();
        final Predicate<String> cancelWhen;
        volatile int done = -1;
        volatile int total = -1;
        volatile long cancelledAt;

        Recorder(Predicate<String> cancelWhen) {
            this.cancelWhen = cancelWhen;
        }

        @Override
        public void progress(int done, int total) {
            this.done = done;
            this.total = total;
        }

        @Override
        public void log(String line) {
            log.add(line);
        }

        @Override
        public boolean cancelled() {
            if (cancelledAt == 0 && log.stream().anyMatch(cancelWhen)) {
                cancelledAt = System.nanoTime();
            }
            return cancelledAt != 0;
        }

        long childPid() {
            for (String line : log) {
                Matcher m = Pattern.compile("evaluator process (\\d+) started").matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
            throw new AssertionError("no pid logged: " + log);
        }
    }

    private RunOutcome run(String fixture, Manifest manifest, Duration limit, Recorder recorder) throws SandboxFailure {
        return run(Fixtures.onnx(fixture), manifest, limit, recorder);
    }

    private RunOutcome run(Path model, Manifest manifest, Duration limit, Recorder recorder) throws SandboxFailure {
        RunRequest request = new RunRequest(1, model, manifest, dataset, "sample", work.resolve("run"), false);
        return new OnnxSandbox(config(limit)).run(request, recorder);
    }

    private SandboxFailure failure(String fixture, Manifest manifest, FailureClass expected, String... words) {
        Recorder recorder = new Recorder(line -> false);
        SandboxFailure f = assertThrows(SandboxFailure.class, () -> run(fixture, manifest, Duration.ofMinutes(1), recorder));
        assertEquals(expected, f.failureClass(), f.getMessage() + "\n" + recorder.log);
        for (String word : words) {
            assertTrue(f.getMessage().contains(word), "'" + word + "' not in: " + f.getMessage());
        }
        return f;
    }

    @Test
    void tinyModelScoresEverySampleImageOnCpuAndReportsProgress() throws Exception {
        Recorder recorder = new Recorder(line -> false);
        long t0 = System.nanoTime();
        Duration reapedBefore = reapedChildrenCpu();
        RunOutcome outcome = run("tiny_dynamic.onnx", TINY, Duration.ofMinutes(1), recorder);
        Duration reaped = reapedChildrenCpu().minus(reapedBefore);
        assertPlausibleCpu(outcome.compute(), t0, "tiny model");
        // The kernel's figure for the child, once reaped, is the whole of it: the child's own report
        // leaves out only its JVM's exit (about 20 ms measured).
        double kernel = reaped.toNanos() / 1e9;
        System.out.println("COMPUTE tiny model: the kernel counted " + kernel + " CPU s for the reaped child");
        assertTrue(outcome.compute().cpuSeconds() <= kernel + 0.011, outcome.compute() + " vs " + kernel);
        assertTrue(kernel - outcome.compute().cpuSeconds() < 0.5, outcome.compute() + " vs " + kernel);
        assertEquals(75, sampleImages.size());
        assertEquals(Set.copyOf(sampleImages), outcome.imageProbabilities().keySet());
        assertEquals(sampleImages.size(), recorder.done);
        assertEquals(sampleImages.size(), recorder.total);
        if (!org.muraarena.core.Gpu.present()) {
            assertEquals("onnxruntime-cpu", outcome.provider());
            assertNull(outcome.compute().gpuSeconds(), "no GPU ran");
            assertTrue(recorder.log.stream().anyMatch(l -> l.startsWith("provider: CPU")), recorder.log.toString());
        }
        // The child computed sigmoid(mean(tensor) + 0.25) on the tensor this JVM computes too.
        String image = sampleImages.get(7);
        ImagePreprocessor pre = new ImagePreprocessor(TINY.input());
        float[] tensor = new float[pre.floatsPerImage()];
        pre.load(dataset.resolve(image), tensor, 0);
        double mean = 0;
        for (float v : tensor) {
            mean += v;
        }
        mean /= tensor.length;
        assertEquals(1 / (1 + Math.exp(-(mean + 0.25))), outcome.imageProbabilities().get(image), 1e-5);
        assertTrue(Files.exists(work.resolve("run/manifest.json")));
    }

    /** This JVM's children that ended and were reaped (cutime + cstime): the kernel's own total for them. */
    static Duration reapedChildrenCpu() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Duration.ofMillis(10 * (Long.parseLong(f[13]) + Long.parseLong(f[14])));
    }

    @Test
    void corruptBytesAreAnInvalidModelWithTheCause() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.onnx("tiny_dynamic.onnx"));
        for (int i = 5; i < bytes.length; i += 7) {
            bytes[i] ^= (byte) 0x5a;
        }
        Path corrupt = Files.write(work.resolve("corrupt.onnx"), bytes);
        Recorder recorder = new Recorder(line -> false);
        SandboxFailure f = assertThrows(SandboxFailure.class, () -> run(corrupt, TINY, Duration.ofMinutes(1), recorder));
        assertEquals(FailureClass.INVALID_MODEL, f.failureClass(), f.getMessage());
        assertTrue(f.getMessage().contains("MALFORMED") || f.getMessage().contains("LOAD_FAILED"), f.getMessage());
    }

    @Test
    void inputOfTheWrongRankIsAnInvalidModel() {
        failure("tiny_rank2.onnx", TINY, FailureClass.INVALID_MODEL, "rank 4", "image:float32[N,192]");
    }

    @Test
    void inputOfAnotherSizeThanTheManifestsIsAnInvalidModel() {
        failure("tiny_dynamic.onnx", manifest(16, Manifest.OutputType.PROBABILITY), FailureClass.INVALID_MODEL,
                "does not match manifest", "[N,3,16,16]");
    }

    @Test
    void nanOutputIsInvalidOutputNamingTheImage() {
        failure("tiny_nan.onnx", TINY, FailureClass.INVALID_OUTPUT, "NaN", sampleImages.get(0));
    }

    @Test
    void probabilityOutsideTheUnitIntervalIsInvalidOutput() {
        failure("tiny_logit.onnx", TINY, FailureClass.INVALID_OUTPUT, "outside [0,1]", sampleImages.get(0));
    }

    @Test
    void failedHugeAllocationIsAMemoryLimit() {
        failure("tiny_huge.onnx", TINY, FailureClass.MEMORY_LIMIT, "Failed to allocate memory");
    }

    @Test
    void endlessLoopRunsIntoTheTimeLimitAndItsProcessIsGone() {
        Recorder recorder = new Recorder(line -> false);
        long t0 = System.nanoTime();
        SandboxFailure f = assertThrows(SandboxFailure.class,
                () -> run("tiny_loop.onnx", TINY, Duration.ofSeconds(5), recorder));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(FailureClass.TIME_LIMIT, f.failureClass(), f.getMessage() + "\n" + recorder.log);
        assertEquals("ran past the time limit of 5 s", f.getMessage());
        assertTrue(seconds < 8, "returned after " + seconds + " s");
        assertTrue(ProcessHandle.of(recorder.childPid()).isEmpty(), "child still exists");
        // Read just before the kill: the loop's CPU time up to the limit.
        assertPlausibleCpu(f.compute().orElseThrow(), t0, "endless loop killed at the time limit");
    }

    @Test
    void cancellationStopsTheRunningChildPromptly() {
        Recorder recorder = new Recorder(line -> line.startsWith("provider: ")); // cancel once it runs
        SandboxFailure f = assertThrows(SandboxFailure.class,
                () -> run("tiny_loop.onnx", TINY, Duration.ofMinutes(5), recorder));
        double seconds = (System.nanoTime() - recorder.cancelledAt) / 1e9;
        assertEquals(FailureClass.CANCELLED, f.failureClass(), f.getMessage());
        assertTrue(seconds < 1.5, "stopped " + seconds + " s after the cancel");
        assertTrue(ProcessHandle.of(recorder.childPid()).isEmpty(), "child still exists");
    }

    @Test
    void childKilledBySignalIsACrash() {
        // What the kernel's OOM killer does: SIGKILL out of the blue.
        Recorder recorder = new Recorder(line -> false) {
            boolean killed;

            @Override
            public boolean cancelled() {
                if (!killed && log.stream().anyMatch(l -> l.startsWith("provider: "))) {
                    killed = ProcessHandle.of(childPid()).map(ProcessHandle::destroyForcibly).orElse(false);
                }
                return false;
            }
        };
        SandboxFailure f = assertThrows(SandboxFailure.class,
                () -> run("tiny_loop.onnx", TINY, Duration.ofMinutes(1), recorder));
        assertEquals(FailureClass.CRASH, f.failureClass(), f.getMessage());
        assertEquals("the runtime crashed (exit 137)", f.getMessage());
        // It could not report its own figure: the last poll's reading stands (its start alone is seconds of CPU).
        assertTrue(f.compute().orElseThrow().cpuSeconds() > 0, f.compute().toString());
    }

    @Test
    void uploadProblemsListExternalDataOnly() throws Exception {
        OnnxSandbox sandbox = new OnnxSandbox(config(Duration.ofMinutes(1)));
        List<String> problems = sandbox.uploadProblems(Fixtures.onnx("external_subgraph.onnx"), TINY);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'../secret.bin'") && problems.get(0).contains("hidden"), problems.get(0));
        assertEquals(List.of(), sandbox.uploadProblems(Fixtures.onnx("tiny_dynamic.onnx"), TINY));
        Path garbage = Files.writeString(work.resolve("garbage.onnx"), "not a model");
        assertEquals(List.of(), sandbox.uploadProblems(garbage, TINY), "its dry run will say why");
    }

    @Test
    void childCommandCapsHeapAndAddressSpace() throws Exception {
        Path model = Fixtures.onnx("tiny_dynamic.onnx");
        RunRequest request = new RunRequest(1, model, TINY, dataset, "sample", work, false);
        List<String> c = new OnnxSandbox(config(Duration.ofMinutes(1))).command(request, work.resolve("m.json"),
                work.resolve("p.csv"));
        assertTrue(c.contains("-Xmx512m") && c.contains("-XX:+ExitOnOutOfMemoryError") && c.contains("-Dai.djl.offline=true"), c.toString());
        assertTrue(c.contains("evaluate-onnx") && !c.contains("-cp"), c.toString());
        if (!org.muraarena.core.Gpu.present() && Files.isExecutable(Path.of("/usr/bin/prlimit"))) {
            assertEquals("--as=" + ((512L << 20) + (4L << 30)), c.get(1));
        }
        String natives = c.stream().filter(a -> a.startsWith("-D" + OrtNativeLibraries.PROPERTY + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("the child is told where the native libraries are: " + c));
        assertTrue(Files.exists(Path.of(natives.substring(natives.indexOf('=') + 1), "libonnxruntime.so")), natives);
        assertArrayEquals(new long[] {2L << 30, 512L << 20, 1L << 10, 4096},
                new long[] {OnnxSandbox.heapBytes("2g"), OnnxSandbox.heapBytes("512M"), OnnxSandbox.heapBytes("1k"),
                    OnnxSandbox.heapBytes("4096")});
    }
}

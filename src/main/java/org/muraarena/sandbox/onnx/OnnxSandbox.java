package org.muraarena.sandbox.onnx;

import org.muraarena.core.Gpu;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.Compute;
import org.muraarena.dataset.MuraTree;
import org.muraarena.core.FailureClass;
import org.muraarena.sandbox.Explanations;
import org.muraarena.sandbox.RunListener;
import org.muraarena.sandbox.RunOutcome;
import org.muraarena.sandbox.RunRequest;
import org.muraarena.sandbox.Sandbox;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.core.Manifest;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.StudyProbabilities;

/**
 * Runs ONNX submissions in a child JVM ({@link EvaluateOnnxCommand}) with a heap cap, an
 * address-space cap where no GPU is used, and a wall-clock deadline, so that a model that hangs,
 * exhausts memory or crashes ONNX Runtime fails only its own evaluation. Then checks the child's
 * predictions against the set before anyone scores them.
 */
@ApplicationScoped
public class OnnxSandbox implements Sandbox {
    /** The child's address space beyond its heap: JVM class space and code (~1.3 GB), ORT, tensors. */
    static final long NATIVE_HEADROOM = 4L << 30;
    private static final long MAX_PREDICTIONS_BYTES = 64L << 20;

    private final ArenaConfig config;
    private Path nativeDir;

    public OnnxSandbox(ArenaConfig config) {
        this.config = config;
    }

    @Override
    public boolean supports(Manifest.Kind kind) {
        return kind == Manifest.Kind.ONNX;
    }

    /** Every external-data reference; files that do not parse are left to their dry run to explain. */
    @Override
    public List<String> uploadProblems(Path artifact, Manifest manifest) {
        if (manifest.kind() != Manifest.Kind.ONNX) {
            return List.of();
        }
        try {
            return OnnxModelScanner.scan(artifact).externalData().stream()
                    .map(r -> "tensor '" + r.tensorName() + "' (" + r.where() + ") keeps its data outside the file"
                            + (r.location() == null ? "" : ", at '" + r.location() + "'")
                            + "; submit one self-contained .onnx file")
                    .toList();
        } catch (IOException | OnnxModelException e) {
            return List.of();
        }
    }

    @Override
    public RunOutcome run(RunRequest request, RunListener listener) throws SandboxFailure {
        Path work = request.workDir();
        Path predictions = work.resolve("predictions.csv");
        Path explanations = work.resolve("explanations");
        ChildProcess.Ending ending;
        Duration limit = request.timeLimitWithin(config.onnx().timeLimit());
        try {
            Files.createDirectories(work);
            Path manifestFile = Files.writeString(work.resolve("manifest.json"), request.manifestJson());
            List<String> command = command(request, manifestFile, predictions);
            if (request.explain().isPresent()) {
                command.addAll(ExplanationFiles.arguments(request.explain().get(), work, explanations));
            }
            // TMPDIR: ONNX Runtime's telemetry leaves an empty mat-debug-<pid>.log there per process;
            // the work folder is deleted after the run, /tmp is not.
            Map<String, String> env = new HashMap<>(Map.of("TMPDIR", work.toAbsolutePath().toString()));
            if (packagedJar() == null) {
                // Not -cp: ONNX Runtime crashes on long command lines (see EvaluateOnnxCommand.onLargeStack).
                env.put("CLASSPATH", absoluteClassPath());
            }
            ending = ChildProcess.run(command, env, work, limit, listener, provider -> {
                try {
                    listener.predictionsReady(new RunOutcome(readPredictions(predictions, request), providerName(provider), null));
                } catch (SandboxFailure e) {
                    // the same check fails again once the child has ended, and the run fails there
                }
            });
        } catch (IOException | IllegalStateException e) {
            // IllegalStateException: a child that survived SIGKILL (a kernel problem, not the model's)
            throw new SandboxFailure(FailureClass.INTERNAL, "cannot run the ONNX evaluator: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxFailure(FailureClass.INTERNAL, "interrupted while the ONNX evaluator ran", e);
        }
        boolean cuda = ending.providerLine() != null && ending.providerLine().startsWith("CUDA");
        // GPU seconds: the child's wall time when it ran on CUDA (it holds the device from loading the
        // model to its exit; the JVM's start before that, about a second, is counted too).
        Compute compute = Compute.of(ending.cpu(), cuda, ending.wall());
        try {
            if (request.explain().isPresent() && ending.explaining().predictionsWritten()) {
                // The predictions stand whatever became of the explanations after them.
                RunOutcome outcome = new RunOutcome(readPredictions(predictions, request), providerName(ending.providerLine()), compute);
                return outcome.withExplanations(explanations(ending, limit, explanations, request));
            }
            throwIfFailed(ending, limit);
            Map<String, Double> probabilities = readPredictions(predictions, request);
            return new RunOutcome(probabilities, providerName(ending.providerLine()), compute);
        } catch (SandboxFailure failure) {
            throw failure.withCompute(compute);
        }
    }

    private static String providerName(String providerLine) {
        return providerLine != null && providerLine.startsWith("CUDA") ? "onnxruntime-cuda" : "onnxruntime-cpu";
    }

    /** What the explanation step left: its files once it said it was done, else why it did not finish. */
    private Explanations explanations(ChildProcess.Ending ending, Duration limit, Path folder, RunRequest request) {
        ChildProcess.Explaining step = ending.explaining();
        if (step.explained() && ending.exitCode() == 0 && !ending.timedOut() && !ending.cancelled()) {
            try {
                return ExplanationFiles.read(folder, request);
            } catch (IOException | RuntimeException e) {
                return Explanations.failed("the evaluator's explanations are unreadable: " + e.getMessage());
            }
        }
        if (step.failure() != null) {
            return Explanations.failed(step.failure());
        }
        try {
            throwIfFailed(ending, limit);
        } catch (SandboxFailure f) {
            return Explanations.failed(f.getMessage() + ", while computing the explanations");
        }
        return Explanations.failed("the evaluator ended before the explanations were done");
    }

    /** The child's command line: [prlimit] java with caps, then the app's entry point and evaluate-onnx. */
    List<String> command(RunRequest request, Path manifestFile, Path predictions) throws IOException {
        boolean gpuHost = Gpu.present();
        Path natives = nativeDir(gpuHost);
        String heap = config.onnx().childHeap();
        List<String> c = new ArrayList<>();
        Path prlimit = Path.of("/usr/bin/prlimit");
        // CUDA reserves address space by the size of the GPU's memory and more, so an --as cap
        // would stop it from starting; on GPU hosts only the heap cap and the deadline apply.
        if (!gpuHost && Files.isExecutable(prlimit)) {
            c.addAll(List.of(prlimit.toString(), "--as=" + (heapBytes(heap) + NATIVE_HEADROOM)));
        }
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                "-XX:ErrorFile=" + request.workDir().resolve("hs_err_%p.log"), "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + request.workDir().toAbsolutePath(),
                "-Dai.djl.offline=true", "-D" + OrtNativeLibraries.PROPERTY + "=" + natives));
        if (packagedJar() != null) {
            c.addAll(List.of("-jar", packagedJar()));
        } else {
            c.add("org.muraarena.ArenaMain"); // class path in CLASSPATH: see ChildProcess.run's caller
        }
        int threads = config.onnx().threads() > 0 ? config.onnx().threads() : Runtime.getRuntime().availableProcessors();
        c.addAll(List.of("evaluate-onnx", "--model", request.artifact().toAbsolutePath().toString(),
                "--manifest", manifestFile.toAbsolutePath().toString(),
                "--root", request.datasetRoot().toAbsolutePath().toString(), "--set", request.set(),
                "--out", predictions.toAbsolutePath().toString(), "--threads", Integer.toString(threads),
                "--batch", Integer.toString(config.onnx().batchSize()), "--native-dir", natives.toString()));
        return c;
    }

    /** This JVM's class path with every entry made absolute, for a child running elsewhere. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    /** The app's quarkus-run.jar when it runs packaged (its class path is that one file), else null. */
    private static String packagedJar() {
        String classPath = System.getProperty("java.class.path");
        // Absolute: the child runs in its scratch folder, where a relative path means nothing.
        return !classPath.contains(File.pathSeparator) && classPath.endsWith("quarkus-run.jar")
                ? Path.of(classPath).toAbsolutePath().toString() : null;
    }

    /** ONNX Runtime's libraries, unpacked once under the data directory and shared by every child. */
    private synchronized Path nativeDir(boolean gpuHost) throws IOException {
        if (nativeDir == null) {
            nativeDir = OrtNativeLibraries.install(Path.of(config.dataDir()).toAbsolutePath().resolve("native"), gpuHost);
        }
        return nativeDir;
    }

    private void throwIfFailed(ChildProcess.Ending e, Duration limit) throws SandboxFailure {
        if (e.cancelled()) {
            throw new SandboxFailure(FailureClass.CANCELLED, "the run was cancelled");
        }
        if (e.timedOut()) {
            throw new SandboxFailure(FailureClass.TIME_LIMIT, "ran past the time limit of " + human(limit));
        }
        if (e.failureLine() != null && e.exitCode() == EvaluateOnnxCommand.EXIT_FAILURE) {
            String[] parts = e.failureLine().split(" ", 2);
            FailureClass fc;
            try {
                fc = FailureClass.valueOf(parts[0]);
            } catch (IllegalArgumentException ex) {
                fc = FailureClass.INTERNAL;
            }
            throw new SandboxFailure(fc, parts.length > 1 ? parts[1] : fc.label());
        }
        if (e.exitCode() == 0) {
            return;
        }
        String stderr = String.join("\n", e.stderrTail());
        if (e.exitCode() == 3 || stderr.contains("OutOfMemoryError")
                || stderr.contains("insufficient memory for the Java Runtime")) {
            throw new SandboxFailure(FailureClass.MEMORY_LIMIT, "ran out of memory (exit " + e.exitCode()
                    + "; the evaluator may use a " + config.onnx().childHeap() + " heap and "
                    + human(NATIVE_HEADROOM) + " beyond it)");
        }
        if (e.exitCode() >= 128 || stderr.contains("A fatal error has been detected")) {
            throw new SandboxFailure(FailureClass.CRASH, "the runtime crashed (exit " + e.exitCode() + ")");
        }
        String last = e.stderrTail().isEmpty() ? "no output" : e.stderrTail().get(e.stderrTail().size() - 1);
        throw new SandboxFailure(FailureClass.INTERNAL, "the ONNX evaluator failed (exit " + e.exitCode() + "): " + last);
    }

    /**
     * The child's CSV, read with the predictions codec and checked: image rows, every image of the
     * set exactly once, nothing else, each in [0,1].
     */
    static Map<String, Double> readPredictions(Path file, RunRequest request) throws SandboxFailure {
        List<String> images;
        try {
            images = EvaluateOnnxCommand.images(new MuraTree(request.datasetRoot()), request.set());
        } catch (IOException e) {
            throw new SandboxFailure(FailureClass.INTERNAL, "cannot read the set's image list: " + e.getMessage(), e);
        }
        Map<String, String> studies = new TreeMap<>();
        images.forEach(image -> studies.put(StudyProbabilities.studyOf(image), null));
        PredictionsCsv.Predictions predictions;
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_PREDICTIONS_BYTES) {
                throw new SandboxFailure(FailureClass.INVALID_OUTPUT, "the evaluator wrote no usable predictions file");
            }
            predictions = PredictionsCsv.read(file, "the evaluator's predictions", new PredictionsCsv.Expected("the set", studies));
        } catch (IOException e) {
            throw new SandboxFailure(FailureClass.INVALID_OUTPUT, "cannot read the predictions: " + e.getMessage(), e);
        } catch (BadInputException e) {
            throw new SandboxFailure(FailureClass.INVALID_OUTPUT, e.getMessage(), e);
        }
        Set<String> expected = new HashSet<>(images);
        if (predictions.level() != PredictionsCsv.Level.IMAGE || !expected.equals(predictions.values().keySet())) {
            String missing = images.stream().filter(x -> !predictions.values().containsKey(x)).sorted().findFirst()
                    .orElse("none missing, but rows that are not images of the set");
            throw new SandboxFailure(FailureClass.INVALID_OUTPUT, "the predictions do not cover exactly the set's images, e.g. " + missing);
        }
        return predictions.values();
    }

    /** JVM heap sizes as -Xmx takes them: 2g, 512m, 1024k or bytes. */
    static long heapBytes(String heap) {
        String h = heap.strip().toLowerCase(Locale.ROOT);
        int shift = switch (h.charAt(h.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? h : h.substring(0, h.length() - 1)) << shift;
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + " h" : s % 60 == 0 && s > 0 ? s / 60 + " min" : s + " s";
    }

    private static String human(long bytes) {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
    }
}

package org.muraarena.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.muraarena.competition.submission.SubmissionService;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.FileTrees;
import org.muraarena.core.Manifest;
import org.muraarena.core.ManifestCodec;
import org.muraarena.core.Options;
import org.muraarena.core.Phase;
import org.muraarena.core.Refusal;
import org.muraarena.dataset.DatasetService;
import org.muraarena.sandbox.PhaseRun;
import org.muraarena.sandbox.RunListener;
import org.muraarena.sandbox.Explanations;
import org.muraarena.sandbox.RunOutcome;
import org.muraarena.sandbox.RunRequest;
import org.muraarena.sandbox.Sandbox;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.sandbox.container.ContainerSandbox;
import org.muraarena.sandbox.onnx.OnnxSandbox;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.json.ScoreJson;

/**
 * {@code dry-run (--model M.onnx | --image TARBALL) --manifest F.json [--data DIR] [--report out.html]}:
 * the server's dry run on the team's own machine. The same checks as an upload, the same sandbox
 * (the {@code evaluate-onnx} child JVM, or a container on the local Docker engine) with the same
 * limits ({@code arena.*} defaults, {@code ARENA_*} overrides), the same scoring ({@link PhaseRun}),
 * on the sample set of {@code DIR} (default {@code <data-dir>/mura}, generated there on first use from
 * the server's seed). Progress and the run's log go to stderr; stdout gets the metrics JSON the
 * server stores for the dry run. Exit 0 when it succeeded; 1 when it failed (the failure class and
 * reason, as the team's page shows them); 2 on bad input (nothing run).
 */
final class DryRunCommand {
    private final ArenaConfig config;
    private final PrintStream err;

    private DryRunCommand(ArenaConfig config, PrintStream err) {
        this.config = config;
        this.err = err;
    }

    /** What to run: checked before anything starts. */
    private record Input(Path artifact, String manifestJson, Manifest manifest, Path data, Path report) {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Map.of());
    }

    /** With {@code settings} ({@code arena.*}) over the environment's, for tests. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> settings) {
        DryRunCommand command;
        Input input;
        Sandbox sandbox;
        try {
            Options options = Options.parse(args, "model", "image", "manifest", "data", "report");
            command = new DryRunCommand(loadConfig(settings), err);
            input = command.input(options);
            sandbox = command.sandbox(input);
        } catch (IllegalArgumentException | Refusal e) {
            err.println("dry-run: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("dry-run: cannot read: " + e.getMessage());
            return 2;
        }
        return command.dryRun(input, sandbox, out);
    }

    private static ArenaConfig loadConfig(Map<String, String> settings) {
        try {
            return OfflineConfig.load(settings);
        } catch (RuntimeException e) { // an ARENA_* variable that does not parse
            throw new IllegalArgumentException("the arena.* settings are invalid: " + e.getMessage(), e);
        }
    }

    private Input input(Options options) throws IOException {
        Path model = options.optional("model").map(Path::of).orElse(null);
        Path image = options.optional("image").map(Path::of).orElse(null);
        if ((model == null) == (image == null)) {
            throw new IllegalArgumentException("give the model with --model M.onnx or a container image with --image TARBALL (one of them)");
        }
        Path artifact = model != null ? model : image;
        Path manifestFile = Path.of(options.required("manifest"));
        for (Path file : List.of(artifact, manifestFile)) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("no readable file " + file);
            }
        }
        String json = Files.readString(manifestFile);
        Manifest manifest;
        try {
            manifest = ManifestCodec.parse(json);
        } catch (ManifestCodec.InvalidManifestException e) {
            throw new IllegalArgumentException(manifestFile + ": " + e.getMessage(), e);
        }
        if (manifest.kind() == Manifest.Kind.ONNX && image != null || manifest.kind() == Manifest.Kind.CONTAINER && model != null) {
            throw new IllegalArgumentException(manifestFile + " describes " + (model != null
                    ? "a container (\"kind\": \"container\"): give its tarball with --image" : "an ONNX model: give it with --model"));
        }
        SubmissionService.checkSize(manifest, Files.size(artifact), config.uploads());
        Path report = options.optional("report").map(Path::of).orElse(null);
        if (report != null && !Files.isDirectory(report.toAbsolutePath().getParent())) {
            throw new IllegalArgumentException("the folder of --report " + report + " does not exist");
        }
        Path data = options.optional("data").map(Path::of).orElseGet(() -> DatasetService.defaultRoot(config)).toAbsolutePath();
        if (!Files.isDirectory(data.resolve("MURA-v1.1")) && Files.exists(data) && !emptyFolder(data)) {
            throw new IllegalArgumentException(data + " holds no MURA-v1.1 folder and is not empty: point --data at a dataset "
                    + "(the folder holding MURA-v1.1/) or at a new folder to generate the sample set in");
        }
        return new Input(artifact.toAbsolutePath(), json, manifest, data, report);
    }

    /** The sandbox of the kind, after the checks an upload gets (the ONNX scan; the tarball, loaded when an engine answers). */
    private Sandbox sandbox(Input input) {
        Sandbox sandbox = input.manifest().kind() == Manifest.Kind.ONNX ? new OnnxSandbox(config) : new ContainerSandbox(config);
        List<String> problems = sandbox.uploadProblems(input.artifact(), input.manifest());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the server would refuse this artifact: " + String.join("; ", problems));
        }
        return sandbox;
    }

    private int dryRun(Input input, Sandbox sandbox, PrintStream out) {
        DatasetService dataset = new DatasetService(input.data(), config.datasetSeed(), true, err::println);
        DatasetService.Truth truth;
        try {
            dataset.root();
            truth = dataset.truth(Phase.DRY_RUN);
        } catch (RuntimeException e) {
            err.println("dry-run: " + e.getMessage());
            return 2;
        }
        Path work;
        try {
            work = Files.createTempDirectory(Files.createDirectories(Path.of(config.dataDir(), "work").toAbsolutePath()), "dry-run-");
        } catch (IOException e) {
            err.println("dry-run: cannot create a scratch folder under " + config.dataDir() + ": " + e.getMessage());
            return 1;
        }
        Console console = new Console(new ProgressLine(err, false, ProgressLine.console()));
        DryRunReport.Builder report = new DryRunReport.Builder(input.artifact(), input.manifest(), input.data(), truth);
        try {
            RunRequest request = PhaseRun.request(0, input.artifact(), input.manifest(), input.manifestJson(), dataset,
                    Phase.DRY_RUN, work, config.dryRun());
            Duration sandboxLimit = input.manifest().kind() == Manifest.Kind.ONNX ? config.onnx().timeLimit() : config.container().timeLimit();
            console.log("[arena] DRY_RUN on the " + request.set() + " set of " + input.data() + " ("
                    + truth.contents().truth().size() + " studies), time limit " + request.timeLimitWithin(sandboxLimit));
            long start = System.nanoTime();
            RunOutcome outcome;
            ScoreReport scores;
            try {
                outcome = sandbox.run(request, console);
                console.log("[arena] ran on " + outcome.provider() + "; scoring");
                scores = PhaseRun.score(outcome, input.manifest().aggregation(), truth.contents().truth());
            } catch (SandboxFailure failure) {
                console.log("[arena] failed (" + failure.failureClass().label() + "): " + failure.getMessage());
                console.bar.finish();
                err.println("dry-run: the dry run failed (" + failure.failureClass().label() + "): " + failure.getMessage());
                write(input.report(), report.failed(failure, System.nanoTime() - start, console.lines));
                return 1;
            }
            console.bar.finish();
            long took = System.nanoTime() - start;
            out.println(ScoreJson.writePretty(scores));
            err.printf("dry-run: succeeded in %s on %s: kappa %s, AUROC %s on %d studies%n", ProgressLine.duration(took / 1e9),
                    outcome.provider(), scores.overall().kappa(), scores.overall().auroc(), scores.overall().n());
            Explanations explanations = PhaseRun.explanations(request, outcome);
            if (explanations != null) {
                err.println("dry-run: explanations " + describe(explanations));
            }
            write(input.report(), report.succeeded(outcome, scores, explanations, took, console.lines));
            return 0;
        } finally {
            try {
                FileTrees.deleteRecursively(work);
            } catch (IOException e) {
                err.println("dry-run: could not delete " + work + ": " + e.getMessage());
            }
        }
    }

    private void write(Path file, DryRunReport report) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, report.html());
            err.println("dry-run: report written to " + file.toAbsolutePath());
        } catch (IOException e) {
            err.println("dry-run: cannot write the report " + file + ": " + e.getMessage());
        }
    }

    private static boolean emptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** The run's progress as a bar and its log above it, on stderr; the log is kept for the report. */
    /** {@code 8 studies, maps reliable (correlation 0.12)}, or why there are none. */
    private static String describe(Explanations e) {
        if (e.state() == Explanations.State.FAILED) {
            return "failed: " + e.message();
        }
        long maps = e.items().stream().filter(Explanations.Item::hasMaps).count();
        return e.items().size() + " studies" + (maps == 0 ? " without maps" + (e.message() == null ? "" : " (" + e.message() + ")")
                : ", maps " + (Boolean.FALSE.equals(e.reliable()) ? "UNRELIABLE" : "reliable")
                + (e.correlation() == null ? "" : String.format(java.util.Locale.ROOT, " (sanity-check correlation %.3f)", e.correlation())));
    }

    private static final class Console implements RunListener {
        final ProgressLine bar;
        final List<String> lines = new CopyOnWriteArrayList<>();
        private int explainedTenth = -1;

        Console(ProgressLine bar) {
            this.bar = bar;
        }

        @Override
        public void progress(int done, int total) {
            bar.update(done, total);
        }

        @Override
        public void log(String line) {
            lines.add(line);
            bar.println(line);
        }

        @Override
        public synchronized void explainProgress(int done, int total) {
            int tenth = total <= 0 ? 0 : (int) Math.min(10, (long) done * 10 / total);
            if (tenth != explainedTenth) {
                explainedTenth = tenth;
                log("[arena] explanations: " + done + " / " + total + " batches");
            }
        }

        @Override
        public boolean cancelled() {
            return false; // Ctrl-C ends this JVM; the evaluator child watches its parent and stops too
        }
    }
}

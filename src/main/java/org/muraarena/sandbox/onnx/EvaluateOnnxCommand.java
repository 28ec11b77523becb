package org.muraarena.sandbox.onnx;

import org.muraarena.core.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.muraarena.scoring.PredictionsCsv;
import java.util.Locale;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.dataset.MuraTree;
import org.muraarena.core.FailureClass;
import org.muraarena.core.Manifest;
import org.muraarena.core.ManifestCodec;

/**
 * {@code evaluate-onnx}: the child process of {@link OnnxSandbox}. It runs in its own JVM because
 * nothing inside one can stop a model: DJL cannot cancel a running inference, and a model can
 * exhaust native memory or crash ONNX Runtime.
 *
 * <pre>
 * evaluate-onnx --model M --manifest MANIFEST.json --root DATASET_ROOT --set SET --out PREDICTIONS.csv
 *               [--threads N] [--batch B] [--native-dir DIR]
 *               [--explain-dir DIR --labels STUDY_LABELS.csv [--explain-count N] [--explain-grid G]]
 * </pre>
 * Protocol on stdout, one line each: {@code provider CPU|CUDA[ reason]}, {@code progress DONE TOTAL}
 * after each batch, on a model or data problem {@code failure CLASS message} (CLASS a
 * {@link FailureClass} name), and last, when run as a process, {@code cpu NANOS}: its own CPU time
 * (see {@link ProcessCpu}), for the compute accounting. Exit 0: PREDICTIONS.csv holds {@code image_path,probability} for
 * every image of the set; 4: after a failure line; 2: bad usage. Logs go to stderr: stdout is
 * swapped for stderr so that no library can print into the protocol.
 *
 * <p>With {@code --explain-dir} (dry runs only), once PREDICTIONS.csv is written: {@code predictions},
 * then {@link Explainer}'s {@code explain-progress DONE TOTAL} lines and {@code explained} with the
 * folder complete, or {@code explain-failure message}; the exit stays 0 either way, since the
 * predictions stand. {@code --labels} is the sample set's {@code study,label} file.
 */
public final class EvaluateOnnxCommand {
    static final int EXIT_FAILURE = 4;
    /** The protocol's last line: {@code cpu NANOS}. */
    static final String CPU_LINE = "cpu ";

    private EvaluateOnnxCommand() {
    }

    /**
     * Stops this process when the worker that started it dies (a {@code kill -9} gives the worker
     * no chance to kill its child): the evaluation's job is re-leased to another attempt, and an
     * orphan would compete with it for CPU and memory.
     */
    static void exitWithParent(PrintStream err) {
        ProcessHandle.current().parent().ifPresent(parent -> {
            Thread watch = new Thread(() -> {
                while (parent.isAlive()) {
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                err.println("evaluate-onnx: the worker process " + parent.pid() + " that started this one is gone; stopping");
                err.flush();
                Runtime.getRuntime().halt(137);
            }, "parent-watch");
            watch.setDaemon(true);
            watch.start();
        });
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean process = out == System.out;
        try {
            return execute(args, out, err, process);
        } finally {
            if (process) {
                // As late as this process can: what follows is the JVM's exit, a few milliseconds.
                ProcessCpu.of(ProcessHandle.current().pid()).ifPresent(cpu -> out.println(CPU_LINE + cpu.toNanos()));
                out.flush();
            }
        }
    }

    private static int execute(String[] args, PrintStream out, PrintStream err, boolean process) {
        PrintStream protocol = out;
        if (process) {
            System.setOut(err);
            exitWithParent(err); // a separate process: it must not outlive a worker killed with -9
        }
        Options a;
        Manifest manifest;
        Explainer.Settings explain;
        try {
            a = Options.parse(args, "model", "manifest", "root", "set", "out", "threads", "batch", "native-dir",
                    "explain-dir", "labels", "explain-count", "explain-grid");
            manifest = ManifestCodec.parse(Files.readString(Path.of(a.required("manifest"))));
            explain = explainSettings(a);
        } catch (IllegalArgumentException | IOException | ManifestCodec.InvalidManifestException e) {
            err.println("evaluate-onnx: " + e.getMessage());
            return 2;
        }
        try {
            return onLargeStack(() -> evaluate(a, manifest, explain, protocol, err));
        } catch (Failure f) {
            err.println("evaluate-onnx: " + f.failureClass + ": " + f.getMessage());
            protocol.println("failure " + f.failureClass.name() + " " + oneLine(f.getMessage()));
            protocol.flush();
            return EXIT_FAILURE;
        }
    }

    /** What {@code --explain-*} ask for; null without {@code --explain-dir}. */
    private static Explainer.Settings explainSettings(Options a) {
        if (a.optional("explain-dir").isEmpty()) {
            return null;
        }
        return new Explainer.Settings(Path.of(a.required("explain-dir")), Path.of(a.required("labels")),
                a.positive("explain-count", 4), a.positive("explain-grid", 8));
    }

    private static int evaluate(Options a, Manifest manifest, Explainer.Settings explain, PrintStream protocol,
            PrintStream err) throws Failure {
        String nativeDir = a.get("native-dir", null);
        if (nativeDir != null && System.getProperty(OrtNativeLibraries.PROPERTY) == null) {
            System.setProperty(OrtNativeLibraries.PROPERTY, nativeDir); // before ONNX Runtime loads
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = a.positive("threads", cores);
        int batch = a.positive("batch", 8);
        MuraTree tree = new MuraTree(Path.of(a.required("root")));
        List<String> images;
        try {
            images = images(tree, a.required("set"));
        } catch (IOException e) {
            throw new Failure(FailureClass.INTERNAL, "cannot read the image list: " + e.getMessage());
        }
        long t0 = System.nanoTime();
        Manifest.Input in = manifest.input();
        OnnxEvaluator.Options options = ImageScorer.options(in, manifest.output(), threads, batch);
        try (OnnxEvaluator ev = load(Path.of(a.required("model")), options)) {
            err.printf(Locale.ROOT, "model loaded in %.1f s on %s, %d intra-op thread(s), batch %d%n",
                    (System.nanoTime() - t0) / 1e9, ev.provider(), threads, ev.batchSize());
            protocol.println("provider " + ev.provider() + (ev.cudaProblem() == null ? "" : " " + oneLine(ev.cudaProblem())));
            protocol.println("progress 0 " + images.size());
            protocol.flush();
            int workers = ImageScorer.workersFor(cores, ev.provider() == OnnxEvaluator.Provider.CUDA ? 1 : threads);
            ImageScorer scorer = new ImageScorer(ev, manifest, batch, workers);
            double[] p = scorer.score(tree, images, done -> {
                protocol.println("progress " + done + " " + images.size());
                protocol.flush();
            });
            Map<String, Double> byImage = new HashMap<>();
            for (int i = 0; i < images.size(); i++) {
                byImage.put(images.get(i), p[i]);
            }
            Files.writeString(Path.of(a.required("out")), PredictionsCsv.write(byImage), StandardCharsets.UTF_8);
            err.printf(Locale.ROOT, "scored %d images in %.1f s%n", images.size(), (System.nanoTime() - t0) / 1e9);
            if (explain != null) {
                protocol.println("predictions");
                protocol.flush();
                explain(new Explainer(explain, Path.of(a.required("model")), options, ev, manifest, tree, protocol, err),
                        byImage, protocol, err);
            }
            return 0;
        } catch (ScoreReader.InvalidScoreException e) {
            throw new Failure(FailureClass.INVALID_OUTPUT, e.getMessage());
        } catch (OnnxModelException e) {
            throw new Failure(memoryProblem(e.getMessage()) ? FailureClass.MEMORY_LIMIT : FailureClass.INVALID_MODEL,
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(FailureClass.INTERNAL, "interrupted");
        } catch (IOException e) {
            throw new Failure(FailureClass.INTERNAL, e.getMessage());
        } catch (RuntimeException e) {
            // DJL and ORT report some graph failures as unchecked exceptions: the runtime failed on this model.
            throw new Failure(memoryProblem(String.valueOf(e.getMessage())) ? FailureClass.MEMORY_LIMIT : FailureClass.CRASH,
                    "the runtime failed: " + e);
        }
    }

    /** Loads through the evaluator; any failure to build a session is the model's. */
    private static OnnxEvaluator load(Path model, OnnxEvaluator.Options options) throws Failure {
        if (!Files.isRegularFile(model)) {
            throw new Failure(FailureClass.INTERNAL, "model file " + model + " is missing");
        }
        try {
            return OnnxEvaluator.load(model, options);
        } catch (OnnxModelException e) {
            throw new Failure(memoryProblem(e.getMessage()) ? FailureClass.MEMORY_LIMIT : FailureClass.INVALID_MODEL,
                    e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new Failure(FailureClass.INVALID_MODEL, "the model cannot be loaded: " + e);
        }
    }

    /** Work that may throw one checked exception type. */
    interface Work<T, E extends Exception> {
        T call() throws E;
    }

    /**
     * Runs {@code work} on a thread with a 64 MB stack (virtual; only what is used is committed).
     * Why: ONNX Runtime 1.29 initialises its telemetry (the "mat-debug" PAL) when the environment
     * is created, and with a long process command line (a 26 kB -cp) that overflows a 4 MB stack:
     * the JVM dies of SIGSEGV without even an hs_err file. The sandbox also keeps the child's
     * command line short; this covers launches it does not control (bench, IDEs).
     */
    @SuppressWarnings("unchecked")
    static <T, E extends Exception> T onLargeStack(Work<T, E> work) throws E {
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = work.call();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "evaluate", 64L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (thrown[0] instanceof RuntimeException r) {
            throw r;
        } else if (thrown[0] instanceof Error err) {
            throw err;
        } else if (thrown[0] != null) {
            throw (E) thrown[0];
        }
        return (T) result[0];
    }

    /** ONNX Runtime's words for a failed allocation (BFC arena, CPU allocator, CUDA). */
    static boolean memoryProblem(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("failed to allocate memory") || m.contains("bad_alloc") || m.contains("bad allocation")
                || m.contains("out of memory");
    }

    /** Runs the explanation step; whatever goes wrong there is reported and leaves the run a success. */
    private static void explain(Explainer explainer, Map<String, Double> predictions, PrintStream protocol,
            PrintStream err) {
        try {
            explainer.explain(predictions);
        } catch (Exception | VirtualMachineError e) {
            // OutOfMemoryError or StackOverflowError included: the predictions are already on disk.
            err.println("evaluate-onnx: explanations failed: " + e);
            protocol.println("explain-failure " + oneLine(String.valueOf(e.getMessage() == null ? e : e.getMessage())));
            protocol.flush();
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").strip();
    }

    /** A classified end of the run, printed as the protocol's last line. */
    private static final class Failure extends Exception {
        final FailureClass failureClass;

        Failure(FailureClass failureClass, String message) {
            super(message, null, false, false);
            this.failureClass = failureClass;
        }
    }

    /** The set's images in CSV order (study by study), as {@link OnnxSandbox} validates them. */
    static List<String> images(MuraTree tree, String set) throws IOException {
        return tree.studies(set).stream().map(MuraStudy::images).flatMap(List::stream).toList();
    }
}

package org.muraarena.sandbox.onnx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.muraarena.sandbox.RunListener;

/**
 * Runs one {@code evaluate-onnx} child to its end: forwards its protocol (stdout) and its log
 * (stderr, bounded) to the listener, and kills its whole process tree when the wall-clock limit
 * passes or the run is cancelled. Polling, not blocking: the listener's {@code cancelled()} is a
 * question, so it is asked every {@link #POLL} while the child runs.
 *
 * <p>CPU time ({@link Ending#cpu()}): the child's {@code /proc} figure ({@link ProcessCpu}) is read
 * at every poll and, for its whole tree, just before a kill (a tick of 10 ms is far longer than
 * the gap); a child that ends by itself reports its own figure last ({@code cpu NANOS}), which
 * leaves out only the JVM's exit. The larger of the two counts: a child that crashed without
 * reporting is known to its last poll.
 */
final class ChildProcess {
    static final Duration POLL = Duration.ofMillis(100);
    /** Log lines forwarded per run; a chatty model must not fill the database. */
    static final int MAX_LOG_LINES = 2000;
    static final int MAX_LINE = 1000;
    private static final int TAIL = 40;
    private static final Set<String> INHERITED_ENV = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR",
            "LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES", "NVIDIA_VISIBLE_DEVICES");

    /**
     * How the child ended. {@code exitCode} is meaningless when timed out or cancelled.
     *
     * @param cpu CPU time of the child and its descendants; {@code wall} from its start to its end
     */
    record Ending(int exitCode, boolean timedOut, boolean cancelled, String failureLine, String providerLine,
                  List<String> stderrTail, Duration cpu, Duration wall, Explaining explaining) {
    }

    /**
     * The explanation step's protocol (after the predictions): whether the child said its
     * predictions were written ({@code predictions}), why the explanations failed
     * ({@code explain-failure MESSAGE}), and whether they were all written ({@code explained}).
     */
    record Explaining(boolean predictionsWritten, String failure, boolean explained) {
    }

    private final RunListener listener;
    private final Deque<String> tail = new ArrayDeque<>();
    private int logged;
    private volatile String failureLine;
    private volatile String providerLine;
    private final Consumer<String> onPredictions;
    private volatile boolean predictionsWritten;
    private volatile String explainFailure;
    private volatile boolean explained;
    private volatile Duration reportedCpu = Duration.ZERO;
    private Duration sampledCpu = Duration.ZERO;

    private ChildProcess(RunListener listener, Consumer<String> onPredictions) {
        this.listener = listener;
        this.onPredictions = onPredictions;
    }

    static Ending run(List<String> command, Map<String, String> env, Path workDir, Duration limit, RunListener listener)
            throws IOException, InterruptedException {
        return run(command, env, workDir, limit, listener, provider -> { });
    }

    /**
     * With {@code onPredictions} called (on the reading thread, with the provider line) when the
     * child says its predictions are written.
     */
    static Ending run(List<String> command, Map<String, String> env, Path workDir, Duration limit, RunListener listener,
            Consumer<String> onPredictions) throws IOException, InterruptedException {
        return new ChildProcess(listener, onPredictions).execute(command, env, workDir, limit);
    }

    private Ending execute(List<String> command, Map<String, String> env, Path workDir, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        // The server's environment holds secrets (admin token, database password) the child never
        // needs; it gets what the JVM, ONNX Runtime and CUDA look at, and nothing else.
        pb.environment().keySet().retainAll(INHERITED_ENV);
        pb.environment().putAll(env);
        // glibc gives every thread its own 64 MB malloc arena reservation; two keep the child's
        // address space (bounded by prlimit --as) close to what it really uses.
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        Process process = pb.start();
        long started = System.nanoTime();
        process.getOutputStream().close();
        log("evaluator process " + process.pid() + " started");
        Thread out = reader(process.getInputStream(), this::protocol, "onnx-child-stdout");
        Thread err = reader(process.getErrorStream(), this::stderr, "onnx-child-stderr");
        boolean timedOut = false;
        boolean cancelled = false;
        try {
            while (!process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessCpu.of(process.pid()).ifPresent(this::sampled);
                if (listener.cancelled()) {
                    cancelled = true;
                } else if (System.nanoTime() - deadline > 0) {
                    timedOut = true;
                }
                if (cancelled || timedOut) {
                    sampled(ProcessCpu.ofTree(process.toHandle()));
                    killTree(process);
                    break;
                }
            }
        } catch (InterruptedException e) {
            killTree(process); // the worker is shutting down: the child must not outlive it
            throw e;
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        // The pipes close when the process (and any descendant holding them) is gone.
        out.join(5000);
        err.join(5000);
        synchronized (this) {
            Duration cpu = reportedCpu.compareTo(sampledCpu) > 0 ? reportedCpu : sampledCpu;
            return new Ending(process.exitValue(), timedOut, cancelled, failureLine, providerLine, List.copyOf(tail), cpu, wall,
                    new Explaining(predictionsWritten, explainFailure, explained));
        }
    }

    private synchronized void sampled(Duration cpu) {
        if (cpu.compareTo(sampledCpu) > 0) {
            sampledCpu = cpu;
        }
    }

    /** SIGKILL to every descendant, then the child; waits until the child is reaped. */
    static void killTree(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("evaluator process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    private void protocol(String line) {
        if (line.startsWith("progress ")) {
            String[] p = line.split(" ");
            try {
                listener.progress(Integer.parseInt(p[1]), Integer.parseInt(p[2]));
                return;
            } catch (RuntimeException e) {
                // not a progress line after all: log it below
            }
        } else if (line.startsWith("provider ")) {
            providerLine = line.substring("provider ".length());
            log("provider: " + providerLine);
            return;
        } else if (line.startsWith("failure ")) {
            failureLine = line.substring("failure ".length());
            return;
        } else if (line.equals("predictions")) {
            predictionsWritten = true;
            onPredictions.accept(providerLine);
            return;
        } else if (line.startsWith("explain-progress ")) {
            String[] p = line.split(" ");
            try {
                listener.explainProgress(Integer.parseInt(p[1]), Integer.parseInt(p[2]));
                return;
            } catch (RuntimeException e) {
                // not a progress line after all: log it below
            }
        } else if (line.startsWith("explain-failure ")) {
            explainFailure = line.substring("explain-failure ".length());
            log("explanations failed: " + explainFailure);
            return;
        } else if (line.equals("explained")) {
            explained = true;
            return;
        } else if (line.startsWith(EvaluateOnnxCommand.CPU_LINE)) {
            try {
                reportedCpu = Duration.ofNanos(Long.parseLong(line.substring(EvaluateOnnxCommand.CPU_LINE.length())));
                return;
            } catch (RuntimeException e) {
                // not the child's figure after all: log it below
            }
        }
        stderr(line);
    }

    private synchronized void stderr(String line) {
        tail.addLast(line);
        if (tail.size() > TAIL) {
            tail.removeFirst();
        }
        log(line);
    }

    private synchronized void log(String line) {
        if (logged < MAX_LOG_LINES) {
            listener.log(line);
        } else if (logged == MAX_LOG_LINES) {
            listener.log("[further output of the evaluator is not logged]");
        }
        logged++;
    }

    private static Thread reader(InputStream in, Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                // Not readLine(): a graph node name echoed by ONNX Runtime may be megabytes long,
                // and only the first MAX_LINE characters of a line are ever used.
                StringBuilder line = new StringBuilder();
                boolean cut = false;
                for (int c; (c = r.read()) != -1; ) {
                    if (c == '\n') {
                        sink.accept(cut ? line + " [cut]" : line.toString());
                        line.setLength(0);
                        cut = false;
                    } else if (line.length() < MAX_LINE) {
                        line.append((char) c);
                    } else {
                        cut = true;
                    }
                }
                if (!line.isEmpty()) {
                    sink.accept(line.toString());
                }
            } catch (IOException e) {
                // the pipe broke because the child was killed: nothing more to read
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}

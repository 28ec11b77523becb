package org.muraarena.job;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.muraarena.config.ArenaConfig;

/**
 * The embedded worker: claims queued evaluations one at a time and runs them. Its loop reads as
 * the story of a job — claim, run, record — with clean-up in {@code finally}.
 */
@ApplicationScoped
public class EvaluationWorker {
    private final EvaluationQueue queue;
    private final EvaluationRunner runner;
    private final Path scratch;
    private final boolean enabled;
    private final String name = "embedded-" + ManagementFactory.getRuntimeMXBean().getName();
    private final Object wake = new Object();
    private ExecutorService loop;
    private volatile boolean running;

    public EvaluationWorker(EvaluationQueue queue, EvaluationRunner runner, ArenaConfig config,
            @ConfigProperty(name = "arena.worker.enabled", defaultValue = "true") boolean enabled) {
        this.queue = queue;
        this.runner = runner;
        this.scratch = Path.of(config.dataDir(), "work").toAbsolutePath();
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        running = true;
        loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "evaluation-worker"));
        loop.submit(this::work);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp();
        if (loop != null) {
            loop.shutdownNow();
            try {
                loop.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Tells the worker that a job was queued, so it need not wait for its next poll. */
    public void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void work() {
        while (running) {
            try {
                queue.recoverExpired();
                Optional<EvaluationQueue.Claim> claim = queue.claim(name);
                if (claim.isPresent()) {
                    runOne(claim.get());
                } else {
                    synchronized (wake) {
                        wake.wait(1000);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database restarting, say: wait a moment and go on; the lease protects the job.
                Log.warnf("worker loop: %s", e.toString());
                sleepQuietly();
            }
        }
    }

    private void runOne(EvaluationQueue.Claim claim) {
        Path workDir = scratch.resolve("evaluation-" + claim.evaluationId() + "-" + claim.attempt());
        try {
            Files.createDirectories(workDir);
            runner.run(claim, workDir);
        } catch (IOException e) {
            Log.errorf("evaluation %d: cannot prepare %s: %s", claim.evaluationId(), workDir, e);
        } finally {
            deleteTree(workDir);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            Log.warnf("cannot delete %s: %s", dir, e);
        }
    }
}

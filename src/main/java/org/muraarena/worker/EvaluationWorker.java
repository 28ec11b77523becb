package org.muraarena.worker;

import org.muraarena.core.FileTrees;
import org.muraarena.core.Gpu;

import org.muraarena.competition.evaluation.EvaluationQueue;
import org.muraarena.competition.workers.WorkerRegistry;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.muraarena.competition.submission.EvaluationQueued;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.muraarena.core.ArenaConfig;
import org.muraarena.sandbox.Sandboxes;
import org.muraarena.core.Manifest;
import org.muraarena.core.Phase;

/**
 * A worker: claims queued evaluations it can run and runs them, {@code arena.worker.slots} at a
 * time. The server has one embedded (single machine); {@code worker} processes on other machines
 * are more of the same against the shared database. Each slot's loop reads as the story of a job —
 * claim, run, record — with clean-up in {@code finally}; the process registers itself and
 * heartbeats so organizers see it.
 */
@ApplicationScoped
public class EvaluationWorker {

    private final EvaluationQueue queue;
    private final EvaluationRunner runner;
    private final WorkerRegistry registry;
    private final Sandboxes sandboxes;
    private final ArenaConfig config;
    private final Path scratch;
    private final String name;
    private final Object wake = new Object();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private ExecutorService slots;
    private ScheduledExecutorService heartbeat;
    private volatile boolean active;

    public EvaluationWorker(EvaluationQueue queue, EvaluationRunner runner, WorkerRegistry registry,
            Sandboxes sandboxes, ArenaConfig config) {
        this.queue = queue;
        this.runner = runner;
        this.registry = registry;
        this.sandboxes = sandboxes;
        this.config = config;
        this.scratch = Path.of(config.dataDir(), "work").toAbsolutePath();
        this.name = config.worker().name().orElse(host() + "-" + ProcessHandle.current().pid());
    }

    public String name() {
        return name;
    }

    void start(@Observes StartupEvent event) {
        if (!config.worker().enabled()) {
            return;
        }
        EvaluationQueue.Capabilities can = capabilities();
        registry.register(name, host(), ProcessHandle.current().pid(), describe(can));
        Log.infof("worker %s: %d slot(s) and %d for hidden runs only, runs %s", name, config.worker().slots(),
                config.worker().hiddenSlots(), describe(can));
        active = true;
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "worker-heartbeat"));
        long period = config.queue().heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
        int hidden = Math.max(0, config.worker().hiddenSlots());
        // slots=0 with hidden slots: a machine for hidden runs only
        int n = hidden > 0 ? Math.max(0, config.worker().slots()) : Math.max(1, config.worker().slots());
        slots = Executors.newFixedThreadPool(n + hidden, r -> new Thread(r, "evaluation-worker"));
        // Hidden runs on slots of their own, so that no dry run starts when a hidden run ends.
        EvaluationQueue.Capabilities general = hidden > 0 ? can.only(Set.of(Phase.DRY_RUN)) : can;
        for (int i = 0; i < n; i++) {
            slots.submit(() -> work(general));
        }
        for (int i = 0; i < hidden; i++) {
            slots.submit(() -> work(can.only(Set.of(Phase.HIDDEN))));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        active = false;
        wakeUp();
        if (slots == null) {
            return;
        }
        slots.shutdownNow();
        heartbeat.shutdownNow();
        try {
            slots.awaitTermination(10, TimeUnit.SECONDS);
            registry.signOff(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Log.warnf("worker %s could not sign off: %s", name, e.toString());
        }
    }

    /** A job was queued and committed: a waiting slot claims it now instead of at its next poll. */
    void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) EvaluationQueued event) {
        wakeUp();
    }

    private void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private EvaluationQueue.Capabilities capabilities() {
        Set<Manifest.Kind> kinds = EnumSet.noneOf(Manifest.Kind.class);
        for (Manifest.Kind kind : Manifest.Kind.values()) {
            sandboxes.forKind(kind).ifPresent(s -> kinds.add(kind));
        }
        return new EvaluationQueue.Capabilities(kinds, Gpu.present());
    }

    private void work(EvaluationQueue.Capabilities can) {
        while (active) {
            try {
                Optional<EvaluationQueue.Claim> claim = queue.claim(name, can);
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
                Log.warnf("worker %s: %s", name, e.toString());
                if (!sleepQuietly()) {
                    return;
                }
            }
        }
    }

    private void runOne(EvaluationQueue.Claim claim) {
        Path workDir = scratch.resolve("evaluation-" + claim.evaluationId() + "-" + claim.attempt());
        running.add(claim.evaluationId());
        try {
            Files.createDirectories(workDir);
            runner.run(claim, workDir);
        } catch (IOException e) {
            Log.errorf("evaluation %d: cannot prepare %s: %s", claim.evaluationId(), workDir, e);
        } finally {
            running.remove(claim.evaluationId());
            deleteTree(workDir);
        }
    }

    private void beat() {
        try {
            registry.heartbeat(name, Set.copyOf(running));
        } catch (RuntimeException e) {
            Log.debugf("worker %s heartbeat: %s", name, e.toString()); // the database may be restarting
        }
    }

    private static String describe(EvaluationQueue.Capabilities can) {
        String kinds = can.kinds().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        return can.gpu() ? kinds + ",gpu" : kinds;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static boolean sleepQuietly() {
        try {
            Thread.sleep(2000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            Log.warnf("cannot delete %s: %s", dir, e);
        }
    }
}

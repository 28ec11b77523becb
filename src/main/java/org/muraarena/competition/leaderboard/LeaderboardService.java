package org.muraarena.competition.leaderboard;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.muraarena.competition.calendar.CompetitionCalendar;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.Refusal;
import org.muraarena.dataset.DatasetService;
import org.muraarena.infra.postgres.PgNotifications;

/**
 * The board, computed when results change rather than when it is read (docs/DESIGN.md): one
 * {@link BoardSnapshot} in memory, replaced by a rebuild on one builder thread, which coalesces the
 * requests that pile up while it builds. A rebuild is asked for at start, when this process commits
 * a change ({@link BoardChanges}), when another process's change is notified (PostgreSQL LISTEN on a
 * connection of its own, {@link PgNotifications}), and after every (re)connection of that listener,
 * since notifications sent while it was away are lost. Each build fires the snapshot as a CDI event
 * (the page renders itself from it) before readers waiting for it are answered.
 */
@ApplicationScoped
public class LeaderboardService {
    /** How long the first build may take before start-up goes on without it. */
    private static final Duration FIRST_BUILD = Duration.ofSeconds(60);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final BoardBuilder builder;
    private final BoardChanges changes;
    private final DatasetService dataset;
    private final Event<BoardSnapshot> built;
    private final ArenaConfig.Board settings;
    private final String url;
    private final String user;
    private final Optional<String> password;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "leaderboard-builder");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final List<CompletableFuture<BoardSnapshot>> waiters = new ArrayList<>();
    private final CompletableFuture<BoardSnapshot> first = new CompletableFuture<>();
    private long generation; // the builder thread's
    private volatile Published published;
    private volatile PgNotifications listener;
    private final CompetitionCalendar calendar;
    /** The organizers' live board while the public one is frozen, for the public build of the same generation. */
    private volatile BoardSnapshot live;

    /** A snapshot and how many of this process's changes it includes ({@link BoardChanges#committed}). */
    private record Published(BoardSnapshot snapshot, long upTo) {
    }

    public LeaderboardService(BoardBuilder builder, BoardChanges changes, DatasetService dataset, Event<BoardSnapshot> built,
                              ArenaConfig config, CompetitionCalendar calendar, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                              @ConfigProperty(name = "quarkus.datasource.username") String user,
                              @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.builder = builder;
        this.calendar = calendar;
        this.changes = changes;
        this.dataset = dataset;
        this.built = built;
        this.settings = config.board();
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        changes.onCompletion(committed -> {
            if (committed) {
                requestRebuild();
            } else {
                settle();
            }
        });
        if (settings.buildAtStart()) {
            start();
            try {
                first.get(FIRST_BUILD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                Log.warnf("the leaderboard is not built after %s; start-up goes on, readers wait for it", FIRST_BUILD);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        PgNotifications l = listener;
        if (l != null) {
            l.close();
        }
        executor.shutdownNow();
    }

    /** Starts listening and building, once. */
    private void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        // The public board freezes at its instant: rebuilt then, as it stood (published later, on the publish's NOTIFY).
        calendar.freezeAt().map(at -> java.time.Duration.between(java.time.Instant.now(), at).toMillis())
                .filter(wait -> wait > 0).ifPresent(wait -> {
                    try {
                        executor.schedule(this::requestRebuild, wait + 50, TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException e) {
                        // shutting down
                    }
                });
        listener = new PgNotifications(url, user, password.orElse(null), BoardChanges.CHANNEL, Duration.ofSeconds(10),
                new PgNotifications.Handler() {
                    @Override
                    public void listening(boolean reconnected) {
                        if (reconnected) {
                            Log.info("leaderboard: listening to board changes again; rebuilding for what was missed");
                        }
                        requestRebuild();
                    }

                    @Override
                    public void notified(List<String> payloads) {
                        if (payloads.stream().anyMatch(p -> !changes.ours(p))) {
                            requestRebuild(); // this process's own changes are rebuilt at their commit
                        }
                    }

                    @Override
                    public void lost(Exception cause, Duration pause) {
                        Log.warnf("leaderboard: not listening to board changes (%s); again in %d ms", cause.getMessage(), pause.toMillis());
                    }
                });
        requestRebuild();
    }

    /**
     * The board, including every change this process has committed (a release, a re-score): one a
     * reader here could have seen elsewhere (its team view, the organizer's answer) is on it too.
     * Completes at once unless such a change is being built in; then within the configured wait, with
     * the board as it was if the build is late. Fails with {@link Refusal.Unavailable} only before the
     * first build.
     */
    public CompletionStage<BoardSnapshot> fresh() {
        start();
        Published p = published;
        if (current(p)) {
            return CompletableFuture.completedFuture(p.snapshot());
        }
        CompletableFuture<BoardSnapshot> waiter = new CompletableFuture<>();
        synchronized (waiters) {
            waiters.add(waiter);
        }
        settle(); // it may have been published between the check and the add
        return waiter.orTimeout(settings.freshWait().toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
            synchronized (waiters) {
                waiters.remove(waiter);
            }
            Published late = published;
            if (late == null) {
                throw new CompletionException(new Refusal.Unavailable("the leaderboard is being built; try again in a moment"));
            }
            return late.snapshot();
        });
    }

    /**
     * The board an organizer sees: the public one, or while that is frozen (arena.competition.freeze-at,
     * until published) the live one, built on demand once per public build.
     */
    public CompletionStage<BoardSnapshot> forOrganizer() {
        return fresh().thenCompose(shown -> {
            BoardSnapshot l = live;
            if (shown.board().frozenAt() == null) {
                return CompletableFuture.completedFuture(shown);
            } else if (l != null && l.generation() == shown.generation()) {
                return CompletableFuture.completedFuture(l);
            }
            CompletableFuture<BoardSnapshot> built = new CompletableFuture<>();
            try {
                executor.execute(() -> {
                    try {
                        BoardSnapshot b = builder.build(shown.generation(), Optional.empty());
                        live = b;
                        built.complete(b);
                    } catch (RuntimeException e) {
                        built.completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                built.completeExceptionally(new Refusal.Unavailable("the server is stopping"));
            }
            return built;
        });
    }

    /** {@link #fresh}, waiting for it: for callers on a worker thread. */
    public BoardSnapshot snapshot() {
        try {
            return fresh().toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private boolean current(Published p) {
        return p != null && changes.inFlight() == 0 && p.upTo() >= changes.committed();
    }

    /** Answers the waiting readers if the published board includes every change committed here. */
    private void settle() {
        Published p = published;
        if (!current(p)) {
            return;
        }
        List<CompletableFuture<BoardSnapshot>> ready;
        synchronized (waiters) {
            ready = new ArrayList<>(waiters);
            waiters.clear();
        }
        ready.forEach(w -> w.complete(p.snapshot()));
    }

    /** Asks for a rebuild; requests made while one runs are served by one more rebuild after it. */
    private void requestRebuild() {
        if (!started.get()) {
            return;
        }
        dirty.set(true);
        if (queued.compareAndSet(false, true)) {
            run(this::drain);
        }
    }

    private void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            queued.set(false); // shutting down
        }
    }

    private void later(Runnable task) {
        try {
            executor.schedule(task, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void drain() {
        try {
            while (dirty.getAndSet(false)) {
                long upTo = changes.committed(); // read before the data: the build sees at least these changes
                BoardSnapshot snapshot;
                try {
                    snapshot = builder.build(++generation);
                } catch (RuntimeException e) {
                    Log.warnf(e, "leaderboard: rebuild failed (%s); again in %s", e.getMessage(), RETRY);
                    later(this::requestRebuild);
                    continue;
                }
                published = new Published(snapshot, upTo);
                try {
                    built.fire(snapshot);
                } catch (RuntimeException e) {
                    Log.errorf(e, "leaderboard: an observer of the new board failed: %s", e.getMessage());
                }
                first.complete(snapshot);
                if (!snapshot.complete()) {
                    awaitData();
                }
                settle();
            }
        } finally {
            queued.set(false);
            if (dirty.get() && queued.compareAndSet(false, true)) {
                run(this::drain);
            }
        }
    }

    /** Rebuilds once the hidden data is in place (the synthetic set is generated on first start). */
    private void awaitData() {
        later(() -> {
            if (dataset.ready()) {
                requestRebuild();
            } else {
                awaitData();
            }
        });
    }
}

package org.muraarena.competition.workers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.muraarena.core.ArenaConfig;

/** Worker processes announce themselves, heartbeat and sign off here. */
@ApplicationScoped
public class WorkerRegistry {
    private final Clock clock;
    private final ArenaConfig config;

    public WorkerRegistry(Clock clock, ArenaConfig config) {
        this.clock = clock;
        this.config = config;
    }

    public void register(String name, String host, long pid, String kinds) {
        QuarkusTransaction.requiringNew().run(() -> {
            WorkerProcess w = WorkerProcess.findById(name);
            if (w == null) {
                w = new WorkerProcess();
                w.name = name;
            }
            Instant now = clock.instant();
            w.host = host;
            w.pid = pid;
            w.kinds = kinds;
            w.startedAt = now;
            w.lastHeartbeat = now;
            w.running = "";
            w.stoppedAt = null;
            w.persist();
        });
    }

    public void heartbeat(String name, Collection<Long> running) {
        QuarkusTransaction.requiringNew().run(() -> WorkerProcess.update(
                "lastHeartbeat = ?1, running = ?2 where name = ?3", clock.instant(),
                running.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")), name));
    }

    public void signOff(String name) {
        QuarkusTransaction.requiringNew().run(() -> WorkerProcess.update(
                "stoppedAt = ?1, running = '' where name = ?2", clock.instant(), name));
    }

    /**
     * Whether a worker that is running now (heartbeat within three periods, or one lease,
     * whichever is longer) lists {@code capability} among its kinds ({@code gpu}, {@code CONTAINER}).
     */
    public boolean hasLiveWorker(String capability) {
        return live().stream().anyMatch(w -> List.of(w.kinds.split(",")).contains(capability));
    }

    /** The workers running now: not signed off, heartbeat within three periods or one lease, whichever is longer. */
    public List<WorkerProcess> live() {
        Duration silence = Duration.ofMillis(Math.max(3 * config.queue().heartbeat().toMillis(), config.queue().lease().toMillis()));
        Instant since = clock.instant().minus(silence);
        return QuarkusTransaction.requiringNew().call(() -> WorkerProcess.<WorkerProcess>list(
                "stoppedAt is null and lastHeartbeat > ?1", since));
    }

    /** Workers running now or heard from within {@code recent}, newest heartbeat first. */
    public List<WorkerProcess> recent(Duration recent) {
        Instant since = clock.instant().minus(recent);
        return QuarkusTransaction.requiringNew().call(() -> WorkerProcess.<WorkerProcess>list(
                "stoppedAt is null or lastHeartbeat > ?1 order by lastHeartbeat desc", since));
    }
}

package org.muraarena.competition.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.competition.workers.WorkerRegistry;
import org.muraarena.core.Phase;

/**
 * The queue's depth by phase ({@code arena_queue_depth{phase}}) and the live workers
 * ({@code arena_workers_live}) for Prometheus. Counted every few seconds off the scrape, so a scrape
 * never waits on the database (and a database that is down leaves the last counts).
 */
@ApplicationScoped
public class OperationsGauges {
    private final Map<Phase, AtomicLong> queued = new EnumMap<>(Phase.class);
    private final AtomicLong workersLive = new AtomicLong();
    private final WorkerRegistry workers;
    private final Scheduler scheduler;

    public OperationsGauges(MeterRegistry registry, WorkerRegistry workers, Scheduler scheduler) {
        this.workers = workers;
        this.scheduler = scheduler;
        for (Phase phase : Phase.values()) {
            AtomicLong depth = new AtomicLong();
            queued.put(phase, depth);
            Gauge.builder("arena.queue.depth", depth, AtomicLong::get).description("Evaluations waiting in the queue")
                    .tag("phase", phase.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        Gauge.builder("arena.workers.live", workersLive, AtomicLong::get)
                .description("Workers with a recent heartbeat").register(registry);
    }

    void start(@Observes StartupEvent event) {
        scheduler.newJob("operations-gauges").setInterval("5s").setConcurrentExecution(ConcurrentExecution.SKIP)
                .setTask(execution -> refresh()).schedule();
    }

    /** Counts again now; also what the scheduler runs every 5 s. */
    public void refresh() {
        try {
            for (Phase phase : Phase.values()) {
                queued.get(phase).set(QuarkusTransaction.requiringNew().call(() ->
                        Evaluation.count("phase = ?1 and status = ?2", phase, EvaluationStatus.QUEUED)));
            }
            workersLive.set(workers.live().size());
        } catch (RuntimeException e) {
            Log.debugf("operations gauges: %s", e.toString()); // the database may be restarting; next round
        }
    }
}

package org.muraarena.competition.evaluation;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import org.muraarena.competition.submission.ExplanationStore;
import org.muraarena.core.ArenaConfig;

/**
 * Every process (server or worker) looks for jobs whose lease ran out and puts them back in the
 * queue, so a dead worker's job is recovered even when no other worker is idle. Runs on the
 * Quarkus scheduler every quarter lease (the period derives from a setting, hence registered
 * programmatically rather than with {@code @Scheduled}). It also gives up on a dry run's explanations
 * that outlived their sandbox's deadline (the worker died while computing them).
 */
@ApplicationScoped
public class QueueJanitor {
    private final EvaluationQueue queue;
    private final Scheduler scheduler;
    private final ExplanationStore explanations;
    private final Clock clock;
    private final Duration explainBound;

    public QueueJanitor(EvaluationQueue queue, Scheduler scheduler, ExplanationStore explanations, Clock clock,
            ArenaConfig config) {
        this.queue = queue;
        this.scheduler = scheduler;
        this.explanations = explanations;
        this.clock = clock;
        // A dry run's sandbox stops at its time limit after it started, explanations included.
        this.explainBound = config.dryRun().timeLimit().plus(queue.lease());
    }

    void start(@Observes StartupEvent event) {
        Duration period = Duration.ofMillis(Math.max(500, queue.lease().toMillis() / 4));
        scheduler.newJob("queue-janitor").setInterval(period.toString()).setDelayed(period.toString())
                .setConcurrentExecution(ConcurrentExecution.SKIP).setTask(execution -> sweep()).schedule();
    }

    private void sweep() {
        try {
            int touched = queue.recoverExpired();
            if (touched > 0) {
                Log.infof("queue: %d job(s) whose worker stopped answering were queued again or failed", touched);
            }
            int abandoned = explanations.abandon(clock.instant().minus(explainBound));
            if (abandoned > 0) {
                Log.infof("queue: the explanations of %d dry run(s) whose worker stopped were given up", abandoned);
            }
        } catch (RuntimeException e) {
            Log.debugf("queue janitor: %s", e.toString()); // the database may be restarting; next round
        }
    }
}

package org.muraarena.competition.evaluation;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every process (server or worker) looks for jobs whose lease ran out and puts them back in the
 * queue, so a dead worker's job is recovered even when no other worker is idle.
 */
@ApplicationScoped
public class QueueJanitor {
    private final EvaluationQueue queue;
    private ScheduledExecutorService timer;

    public QueueJanitor(EvaluationQueue queue) {
        this.queue = queue;
    }

    void start(@Observes StartupEvent event) {
        long period = Math.max(500, queue.lease().toMillis() / 4);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "queue-janitor");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void sweep() {
        try {
            int touched = queue.recoverExpired();
            if (touched > 0) {
                Log.infof("queue: %d job(s) whose worker stopped answering were queued again or failed", touched);
            }
        } catch (RuntimeException e) {
            Log.debugf("queue janitor: %s", e.toString()); // the database may be restarting; next round
        }
    }
}

package org.muraarena.competition.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.muraarena.competition.workers.WorkerProcess;
import org.muraarena.competition.workers.WorkerRegistry;
import org.muraarena.dataset.DatasetService;
import org.muraarena.sandbox.container.ContainerSandbox;

/**
 * Ready to run a competition ({@code /q/health/ready}): the dataset is in place, a worker is live
 * and, when this server accepts containers, the Docker engine answers. The database has its own
 * check (Agroal's, named "Database connections health check").
 */
@Readiness
@ApplicationScoped
public class ArenaReadiness implements HealthCheck {
    private final DatasetService dataset;
    private final WorkerRegistry workers;
    private final ContainerSandbox containers;

    public ArenaReadiness(DatasetService dataset, WorkerRegistry workers, ContainerSandbox containers) {
        this.dataset = dataset;
        this.workers = workers;
        this.containers = containers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("arena");
        boolean up = true;
        boolean data = dataset.ready();
        response.withData("dataset", data ? "ready" : "not ready (missing, or the synthetic set is being generated)");
        up &= data;
        List<WorkerProcess> live = safeLive(response);
        response.withData("workersLive", live == null ? -1 : live.size());
        up &= live != null && !live.isEmpty();
        if (containers.enabled()) {
            boolean engine = containers.engineReachable();
            response.withData("dockerEngine", engine ? "answers" : "does not answer");
            up &= engine;
        } else {
            response.withData("dockerEngine", "not used (container submissions are off)");
        }
        return response.status(up).build();
    }

    private List<WorkerProcess> safeLive(HealthCheckResponseBuilder response) {
        try {
            return workers.live();
        } catch (RuntimeException e) {
            response.withData("workers", "cannot be read: " + e.getMessage());
            return null;
        }
    }
}

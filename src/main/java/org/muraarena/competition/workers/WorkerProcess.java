package org.muraarena.competition.workers;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A worker process as it registered itself: the organizer page lists these with their last heartbeat. */
@Entity
@Table(name = "worker")
public class WorkerProcess extends PanacheEntityBase {
    @Id
    public String name;
    public String host;
    public long pid;
    /** Submission kinds it runs, and {@code gpu} when it has one, e.g. {@code ONNX,CONTAINER,gpu}. */
    public String kinds;
    public Instant startedAt;
    public Instant lastHeartbeat;
    /** Evaluations it is running now, comma-separated ids. */
    public String running = "";
    public Instant stoppedAt;
}

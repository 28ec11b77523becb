package org.muraarena.competition.submission;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At start-up, removes what a killed process left half-written: artifact staging and fetch files,
 * and upload buffers written before this process started (no request of ours is writing them). Rows are never half-written: an upload's rows
 * commit in one transaction, after its artifact is complete in the store.
 */
@ApplicationScoped
public class StorageSweeper {
    private final ArtifactStore artifacts;
    private final Path uploads;

    public StorageSweeper(ArtifactStore artifacts,
            @ConfigProperty(name = "quarkus.http.body.uploads-directory") String uploads) {
        this.artifacts = artifacts;
        this.uploads = Path.of(uploads).toAbsolutePath();
    }

    void sweep(@Observes StartupEvent event) {
        try {
            int leftovers = artifacts.removeLeftovers();
            int buffers = removeStaleUploads();
            if (leftovers + buffers > 0) {
                Log.infof("removed %d half-written artifact file(s) and %d stale upload buffer(s) left by a killed process",
                        leftovers, buffers);
            }
        } catch (IOException e) {
            Log.warnf("cannot sweep the storage: %s", e.toString());
        }
    }

    int removeStaleUploads() throws IOException {
        if (!Files.isDirectory(uploads)) {
            return 0;
        }
        // Each server has its own data directory: a buffer last written before this process started
        // belongs to a request of a process that is gone.
        Instant cutoff = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        int removed = 0;
        try (var files = Files.list(uploads)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }
}

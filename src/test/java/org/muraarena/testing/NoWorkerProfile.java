package org.muraarena.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A server with no embedded worker, so that tests claim jobs themselves; short leases so that
 * expiry can be watched, and a worker token for the artifact endpoint.
 */
public class NoWorkerProfile implements QuarkusTestProfile {
    public static final String WORKER_TOKEN = "test-worker-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "arena.worker.enabled", "false",
                "arena.queue.lease", "PT2S",
                "arena.queue.heartbeat", "PT1S",
                "arena.queue.max-attempts", "2",
                "arena.worker.token", WORKER_TOKEN);
    }
}

package org.muraarena.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every {@code @QuarkusTest} runs against: the app's own embedded PostgreSQL (the default
 * mode, on a machine with nothing installed), a fresh data directory, and the synthetic dataset
 * generated once per build into {@code target/} (same seed, same bytes, so it is reused).
 *
 * <p>With {@code ARENA_TEST_JDBC_URL} set, the tests run against that external PostgreSQL instead
 * (the production mode); {@code .ci/run} runs them both ways.
 */
public class ArenaTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String ADMIN_TOKEN = "test-organizer-token";
    /** The container upload cap of the tests; {@code LargeContainerUploads} lifts it for real images. */
    public static final long MAX_CONTAINER_BYTES = 4L << 20;
    /** The tests' release period of hidden results. */
    public static final String RELEASE_EVERY = "PT1S";
    /** The tests' compute budget per team, in CPU hours. */
    public static final double COMPUTE_HOURS = 1;

    private TestDatabase database;
    private Path base;

    @Override
    public Map<String, String> start() {
        try {
            base = TestData.traversableTempDirectory("mura-arena-test-");
            Path dataDir = Files.createDirectories(base.resolve("data"));
            database = TestDatabase.start(base.resolve("pg"));
            return Map.ofEntries(
                    Map.entry("quarkus.datasource.jdbc.url", database.url()),
                    Map.entry("quarkus.datasource.username", database.user()),
                    Map.entry("quarkus.datasource.password", database.password()),
                    Map.entry("arena.data-dir", dataDir.toString()),
                    Map.entry("arena.dataset-dir", TestData.dataset().toString()),
                    Map.entry("arena.admin-token", ADMIN_TOKEN),
                    // small enough that the oversize tests need not send gigabytes
                    Map.entry("arena.uploads.max-onnx-bytes", Long.toString(4L << 20)),
                    Map.entry("arena.uploads.max-container-bytes", Long.toString(MAX_CONTAINER_BYTES)),
                    Map.entry("arena.demo", "false"),
                    // tarball checks are tested with or without an engine; runs need one (and skip without)
                    Map.entry("arena.container.enabled", "true"),
                    // a dry run's occlusion maps on a 4×4 grid (the default is 8×8): every ONNX dry run of the
                    // suite explains 8 studies, and this quarters the images it costs
                    Map.entry("arena.dry-run.occlusion-grid", "4"),
                    // hidden results are released within a second, so tests that wait for them stay quick
                    Map.entry("arena.hidden.release-every", RELEASE_EVERY),
                    // a compute budget no test run comes near; ComputeBudgetTest books a team past it
                    Map.entry("arena.quota.compute-hours", Double.toString(COMPUTE_HOURS)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        TestData.deleteTree(base);
    }
}

package org.muraarena.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.muraarena.infra.postgres.EmbeddedPostgres;

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

    private EmbeddedPostgres postgres;
    private Path base;

    @Override
    public Map<String, String> start() {
        try {
            // Under java.io.tmpdir and world-traversable: where user namespaces are blocked, a root JVM runs
            // PostgreSQL as nobody, which could not enter a checkout under /root.
            base = Files.createTempDirectory("mura-arena-test-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Path dataDir = base.resolve("data");
            Files.createDirectories(dataDir);
            String url = System.getenv("ARENA_TEST_JDBC_URL");
            String user = System.getenv().getOrDefault("ARENA_TEST_JDBC_USER", "postgres");
            String password = System.getenv().getOrDefault("ARENA_TEST_JDBC_PASSWORD", "");
            if (url == null || url.isBlank()) {
                postgres = EmbeddedPostgres.builder(base.resolve("pg"))
                        .binariesCache(Path.of(System.getProperty("java.io.tmpdir"), "mura-arena-pg-bin-" + System.getProperty("user.name")))
                        .start();
                url = postgres.jdbcUrl();
                user = postgres.user();
                password = postgres.password();
            }
            return Map.of(
                    "quarkus.datasource.jdbc.url", url,
                    "quarkus.datasource.username", user,
                    "quarkus.datasource.password", password,
                    "arena.data-dir", dataDir.toString(),
                    "arena.dataset-dir", TestData.dataset().toString(),
                    "arena.admin-token", ADMIN_TOKEN,
                    // small enough that the oversize tests need not send gigabytes
                    "arena.uploads.max-onnx-bytes", Long.toString(4L << 20),
                    "arena.uploads.max-container-bytes", Long.toString(MAX_CONTAINER_BYTES),
                    "arena.demo", "false");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.stop();
        }
        TestData.deleteTree(base);
    }
}

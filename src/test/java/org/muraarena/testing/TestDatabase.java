package org.muraarena.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.muraarena.infra.postgres.EmbeddedPostgres;

/**
 * The PostgreSQL a test runs against: the one named by {@code ARENA_TEST_JDBC_URL} (and
 * {@code _USER}, {@code _PASSWORD}) when set (the production mode; {@code .ci/run} uses it), else
 * a private embedded server of the test's own (the default mode), stopped by {@link #close}.
 */
public record TestDatabase(String url, String user, String password, EmbeddedPostgres embedded) implements AutoCloseable {

    /** @param pgDir where an embedded server keeps its files (see {@link TestData#traversableTempDirectory}) */
    public static TestDatabase start(Path pgDir) throws IOException {
        String url = System.getenv("ARENA_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new TestDatabase(url, System.getenv().getOrDefault("ARENA_TEST_JDBC_USER", "postgres"),
                    System.getenv().getOrDefault("ARENA_TEST_JDBC_PASSWORD", ""), null);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder(pgDir)
                .binariesCache(Path.of(System.getProperty("java.io.tmpdir"), "mura-arena-pg-bin-" + System.getProperty("user.name")))
                .start();
        return new TestDatabase(pg.jdbcUrl(), pg.user(), pg.password(), pg);
    }

    /** A shared external server, where a test must clean up what it created. */
    public boolean external() {
        return embedded == null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.stop();
        }
    }
}

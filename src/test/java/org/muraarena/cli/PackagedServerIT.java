package org.muraarena.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.muraarena.testing.Polling;

/**
 * The newcomer's path: the packaged app started with no configuration but an organizer token
 * starts its own PostgreSQL, generates the data, and scores the baseline through a real child
 * JVM; the leaderboard then shows the baseline's row and the three radiologist rows.
 */
class PackagedServerIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aFreshServerShowsTheScoredBaselineOnTheLeaderboard() throws Exception {
        // Under /tmp and world-traversable: PostgreSQL runs as an unprivileged user when we are root.
        Path dataDir = Files.createTempDirectory("mura-arena-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(System.getProperty("arena.app.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile());
        builder.environment().put("ARENA_DATA_DIR", dataDir.resolve("data").toString());
        builder.environment().put("ARENA_ADMIN_TOKEN", "it-organizer");
        builder.environment().put("ARENA_HIDDEN_RELEASE_EVERY", "PT1S");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        long start = System.nanoTime();
        Process server = builder.start();
        try {
            AtomicReference<JsonNode> seen = new AtomicReference<>();
            try {
                Polling.upTo(Duration.ofSeconds(300), "a scored row on the leaderboard, or the server's exit")
                        .pollInterval(Duration.ofSeconds(1)).until(() -> {
                            seen.set(leaderboard(port));
                            return !server.isAlive() || seen.get() != null && seen.get().get("rows").size() > 0;
                        });
            } catch (ConditionTimeoutException e) {
                // the assertion below says what is missing, with the server's log
            }
            JsonNode board = seen.get();
            String log = Files.readString(dataDir.resolve("server.log"));
            assertTrue(board != null && board.get("rows").size() == 1, "no scored row in time; server log:\n" + tail(log));
            System.out.printf("NOTICE: baseline on the leaderboard %.1f s after the server was started%n",
                    (System.nanoTime() - start) / 1e9);
            JsonNode row = board.get("rows").get(0);
            assertEquals(1, row.get("rank").asInt());
            assertEquals("simple-detector-baseline", row.get("model").asText());
            assertEquals(7, row.get("by_type").size());
            assertEquals(3, board.get("references").size());
            assertTrue(row.get("kappa").asDouble() >= 0.5, "the baseline reaches kappa 0.5 on the hidden set: " + row);
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("simple-detector-baseline"));
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            org.muraarena.testing.TestData.deleteTree(dataDir);
        }
    }

    private static JsonNode leaderboard(int port) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/leaderboard")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? new ObjectMapper().readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String tail(String log) {
        return log.length() <= 8000 ? log : log.substring(log.length() - 8000);
    }
}

package org.muraarena.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.muraarena.testing.TestData;
import org.muraarena.testing.Polling;

/**
 * A server and worker processes of the packaged app on one PostgreSQL, for fault tests: each
 * process is a real JVM that a test can kill with SIGKILL. The server has no embedded worker;
 * each worker has its own data directory, so it fetches artifacts from the server over HTTP (the
 * scale-out path), and all share the dataset folder (shared storage).
 */
final class Cluster implements AutoCloseable {
    static final String ORGANIZER = "fault-organizer";
    static final String WORKER_TOKEN = "fault-worker";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path base;
    final String jdbcUrl;
    /** The superuser's password: none on the machine's PostgreSQL (trust), the embedded one's otherwise. */
    private String password = "";
    final int port;
    private final Map<String, String> settings = new HashMap<>();
    private final List<Process> processes = new ArrayList<>();
    Process server;
    private Runnable dropAtClose = () -> { };

    private Cluster(Path base, String jdbcUrl) throws IOException {
        this.base = base;
        this.jdbcUrl = jdbcUrl;
        this.port = freePort();
        // Short leases keep the tests quick; -Dfault.lease=PT60S measures recovery at the default.
        settings.put("ARENA_QUEUE_LEASE", System.getProperty("fault.lease", "PT6S"));
        settings.put("ARENA_QUEUE_HEARTBEAT", "PT1S");
        settings.put("ARENA_ONNX_CHILD_HEAP", "512m");
        settings.put("ARENA_ONNX_THREADS", "1");
    }

    /** A cluster on a fresh database of the machine's PostgreSQL (127.0.0.1:5432 unless ARENA_FAULT_PG says otherwise). */
    static Cluster onSharedPostgres(String name) throws IOException {
        String server = System.getenv().getOrDefault("ARENA_FAULT_PG", "jdbc:postgresql://127.0.0.1:5432/");
        String db = "arena_fault_" + name + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create database " + db);
        } catch (SQLException e) {
            boolean ci = "true".equals(System.getenv("CI"));
            if (ci) {
                throw new IllegalStateException("the fault tests need PostgreSQL at " + server + " (.ci/run starts it): " + e.getMessage(), e);
            }
            System.out.println("NOTICE: fault test skipped: no PostgreSQL at " + server + " (" + e.getMessage() + ")");
            Assumptions.abort("no PostgreSQL at " + server);
        }
        Cluster cluster = new Cluster(scratch(), server + db);
        cluster.dropAtClose = () -> {
            try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists " + db + " with (force)");
            } catch (SQLException e) {
                System.out.println("NOTICE: could not drop " + db + ": " + e.getMessage());
            }
        };
        return cluster;
    }

    /** A cluster on a PostgreSQL the test controls (it may restart it), as user postgres with this password. */
    static Cluster onPostgres(String jdbcUrl, String password) throws IOException {
        Cluster cluster = new Cluster(scratch(), jdbcUrl);
        cluster.password = password;
        return cluster;
    }

    private static Path scratch() throws IOException {
        // Under /tmp and world-traversable, like the other tests' data directories.
        return Files.createTempDirectory("mura-arena-fault-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    void set(String variable, String value) {
        settings.put(variable, value);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path serverData() {
        return base.resolve("server");
    }

    /** Starts (or restarts) the server and waits until it answers. */
    Process startServer() throws IOException, InterruptedException {
        server = startServer(port, "server", serverData());
        return server;
    }

    /** Starts a server process (no worker) named {@code name} on {@code on}, and waits until it answers. */
    Process startServer(int on, String name, Path data) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(settings);
        env.put("ARENA_DATA_DIR", data.toString());
        env.put("ARENA_WORKER_ENABLED", "false");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(on));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        Process p = start(List.of(), env, name);
        Polling.upTo(Duration.ofSeconds(120), name + " answers").pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                .until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException(name + " exited " + p.exitValue() + ":\n" + log(name));
                    }
                    return get(on, "/api/leaderboard").statusCode() == 200;
                });
        return p;
    }

    /** Starts a worker process named {@code name}; it registers itself within a few seconds. */
    Process startWorker(String name) throws IOException {
        Map<String, String> env = new HashMap<>(settings);
        env.put("ARENA_DATA_DIR", base.resolve(name).toString());
        env.put("ARENA_WORKER_NAME", name);
        env.put("ARENA_WORKER_SERVER_URL", url());
        return start(List.of("worker"), env, name);
    }

    private Process start(List<String> args, Map<String, String> env, String logName) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", Path.of(System.getProperty("arena.app.jar", "target/quarkus-app/quarkus-run.jar"))
                        .toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve(logName + ".log").toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", password);
        builder.environment().put("ARENA_DATASET_DIR", TestData.dataset().toString());
        builder.environment().put("ARENA_ADMIN_TOKEN", ORGANIZER);
        builder.environment().put("ARENA_WORKER_TOKEN", WORKER_TOKEN);
        builder.environment().put("ARENA_DEMO", "false");
        builder.environment().put("ARENA_HIDDEN_RELEASE_EVERY", "PT1S");
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    String log(String name) {
        try {
            String log = Files.readString(base.resolve(name + ".log"));
            return log.length() <= 6000 ? log : log.substring(log.length() - 6000);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    static void kill9(Process p) throws InterruptedException {
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + p.pid() + " survived SIGKILL");
        }
    }

    /** A graceful stop (SIGTERM), then SIGKILL after 30 s. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            kill9(p);
        }
    }

    /** An anonymous GET to the server process on port {@code on}. */
    HttpResponse<String> get(int on, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + on + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a team; returns its token. */
    String team(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/teams", ORGANIZER, "{\"name\": \"" + name + "\"}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("team: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("token").asText();
    }

    /** A multipart upload request; {@code body} lets a test send it slowly. */
    static HttpRequest uploadRequest(String url, String token, byte[] artifact, String manifest,
            HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(url + "/api/submissions")).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(body).build();
    }

    static final String BOUNDARY = "----arena-fault-boundary";

    static byte[] multipart(byte[] artifact, String manifest) {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"manifest\"\r\n\r\n" + manifest + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"artifact\"; filename=\"model.onnx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + artifact.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(artifact, 0, all, h.length, artifact.length);
        System.arraycopy(t, 0, all, h.length + artifact.length, t.length);
        return all;
    }

    /** Uploads at full speed; returns the submission id. */
    long upload(String token, byte[] artifact, String manifest) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(uploadRequest(url(), token, artifact, manifest,
                HttpRequest.BodyPublishers.ofByteArray(multipart(artifact, manifest))), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("upload: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asLong();
    }

    /** Runs a query on the cluster's database; rows as maps. */
    List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", password);
             var s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    static byte[] resource(String path) throws IOException {
        return Files.readAllBytes(Path.of(path));
    }

    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            if (p.isAlive()) {
                stop(p);
            }
        }
        if (!Boolean.getBoolean("fault.keep")) {
            TestData.deleteTree(base);
            dropAtClose.run();
        }
    }
}

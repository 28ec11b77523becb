package org.muraarena.competition.leaderboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A packaged server process for the board benchmark: started, asked, measured, stopped. */
final class BenchServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern BUILT = Pattern.compile("leaderboard #(\\d+) built in (\\d+) ms \\(read (\\d+) ms, statistics (\\d+) ms,"
            + " write (\\d+) ms\\): (\\d+) rows, (\\d+) references, (\\d+) results parsed, (\\d+) B JSON, (\\d+) B CSV");

    final Process process;
    final int port;
    final Path log;
    /** Seconds from the process's start until it served the board. */
    final double startSeconds;

    /** What one build logged. */
    record Build(int generation, long millis, long readMillis, long statisticsMillis, long writeMillis, int rows, int references,
                 int parsed, long jsonBytes, long csvBytes) {
    }

    BenchServer(Path jar, Path log, Map<String, String> env) throws IOException, InterruptedException {
        this.port = StaticBaseline.freePort();
        this.log = log;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        long start = System.nanoTime();
        process = builder.start();
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        while (status("/api/leaderboard") != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the server did not come up; its log:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        startSeconds = (System.nanoTime() - start) / 1e9;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private int status(String path) throws InterruptedException {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Every board build the server has logged so far. */
    List<Build> builds() throws IOException {
        List<Build> builds = new ArrayList<>();
        Matcher m = BUILT.matcher(Files.readString(log, StandardCharsets.UTF_8));
        while (m.find()) {
            builds.add(new Build(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)),
                    Integer.parseInt(m.group(8)), Long.parseLong(m.group(9)), Long.parseLong(m.group(10))));
        }
        return builds;
    }

    /** Heap in use after a full collection (jcmd GC.run, then GC.heap_info), in bytes. */
    long heapAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("no heap figure from jcmd");
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}

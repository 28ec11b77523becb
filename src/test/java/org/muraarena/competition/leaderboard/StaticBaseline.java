package org.muraarena.competition.leaderboard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical limit for serving the board: a private nginx (the Debian package, not the system's
 * instance: its own config, pid, logs and temp folders under one scratch folder, on a free loopback
 * port) serving files that hold the server's bytes; and {@code wrk}, which loads both the same way.
 */
final class StaticBaseline implements AutoCloseable {
    private final Path dir;
    private final Process nginx;
    final int port;

    /** Serves {@code json} at {@code /api/leaderboard} and {@code html} at {@code /}. */
    StaticBaseline(Path dir, byte[] json, byte[] html) throws IOException, InterruptedException {
        this.dir = dir;
        this.port = freePort();
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.write(www.resolve("leaderboard.json"), json);
        Files.write(www.resolve("index.html"), html);
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("tmp"));
        String temp = dir.resolve("tmp").toString();
        String conf = """
                worker_processes auto;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    keepalive_requests 1000000;
                    client_body_temp_path %2$s/body; proxy_temp_path %2$s/proxy; fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi; scgi_temp_path %2$s/scgi;
                    server {
                        listen 127.0.0.1:%3$d;
                        root %1$s/www;
                        location = /api/leaderboard { default_type application/json; try_files /leaderboard.json =404; }
                        location = / { default_type "text/html; charset=utf-8"; try_files /index.html =404; }
                    }
                }
                """.formatted(dir, temp, port);
        Files.writeString(dir.resolve("nginx.conf"), conf);
        nginx = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answers(port)) {
            if (!nginx.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("logs/nginx.out")));
            }
            Thread.sleep(50);
        }
    }

    /** One wrk run's figures. */
    record Load(String url, double requestsPerSecond, String latencyP50, String latencyP99, long non2xx, String transfer) {
        String line() {
            return String.format(Locale.ROOT, "%-45s %10.0f req/s   p50 %-9s p99 %-9s %s/s%s", url, requestsPerSecond, latencyP50,
                    latencyP99, transfer, non2xx == 0 ? "" : "   NON-2XX: " + non2xx);
        }
    }

    /** {@code wrk -t2 -c50 -d20s --latency URL}. */
    static Load wrk(String url, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("wrk", "-t2", "-c50", "-d" + seconds + "s", "--latency", url)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return new Load(url, Double.parseDouble(find(out, "Requests/sec:\\s+([\\d.]+)", "0")),
                find(out, "\\s50%\\s+(\\S+)", "?"), find(out, "\\s99%\\s+(\\S+)", "?"),
                Long.parseLong(find(out, "Non-2xx or 3xx responses:\\s+(\\d+)", "0")), find(out, "Transfer/sec:\\s+(\\S+)", "?"));
    }

    private static String find(String text, String regex, String otherwise) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : otherwise;
    }

    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    private static boolean answers(int port) {
        try (var socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops this nginx (its master, which takes its workers along) and nothing else. */
    @Override
    public void close() throws InterruptedException {
        nginx.destroy();
        if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
            nginx.destroyForcibly();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

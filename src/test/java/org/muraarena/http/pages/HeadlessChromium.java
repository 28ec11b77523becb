package org.muraarena.http.pages;

import org.muraarena.core.FileTrees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real headless Chromium for page tests, driven over the DevTools protocol (a WebSocket the JDK
 * can speak): the command-line {@code --screenshot} cannot set a cookie or measure the layout,
 * and the submission pages need both. Host resolution is pinned so it can reach 127.0.0.1 only.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENDPOINT = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final String session;

    /** The Debian package's binary, if installed. */
    static Optional<Path> binary() {
        return Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** The flags every run uses: headless, nothing fetched in the background, a throw-away profile, no host but 127.0.0.1. */
    static List<String> command(Path binary, Path profile, int width, int height) {
        return new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height));
    }

    HeadlessChromium(Path binary) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("mura-arena-chromium-");
        List<String> command = command(binary, profile, 1280, 900);
        command.add("--remote-debugging-port=0");
        command.add("about:blank");
        process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String endpoint = endpoint(process);
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create(endpoint), new Listener()).join();
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId").asText();
        call(session, "Page.enable", Map.of());
    }

    /** Sizes the viewport; below 600 px it behaves as a phone (the page's viewport meta applies). */
    void viewport(int width, int height) {
        call(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    void cookie(String url, String name, String value) {
        call(session, "Network.setCookie", Map.of("url", url, "name", name, "value", value, "httpOnly", true, "sameSite", "Strict"));
    }

    /** Loads a page and waits for its load event and its fonts. */
    void open(String url) throws InterruptedException {
        events.clear();
        call(session, "Page.navigate", Map.of("url", url));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            JsonNode event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new IllegalStateException("no load event from " + url);
            }
            if ("Page.loadEventFired".equals(event.path("method").asText())) {
                break;
            }
        }
        evaluate("document.fonts.ready.then(() => true)");
    }

    /** Runs an expression in the page (awaiting a promise) and returns its value as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = call(session, "Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the whole page at the viewport's width. */
    byte[] screenshot(int width) {
        int height = Math.min(6000, evaluate("document.documentElement.scrollHeight").asInt());
        JsonNode shot = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        return Base64.getDecoder().decode(shot.get("data").asText());
    }

    private JsonNode call(String sessionId, String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(message.toString(), true).join();
        JsonNode answer = reply.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    /** Reads Chromium's stderr until it names its DevTools endpoint, then keeps draining it. */
    private static String endpoint(Process process) throws IOException, InterruptedException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> found = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = ENDPOINT.matcher(line);
                    if (m.find()) {
                        found.complete(m.group(1));
                    } else if (!found.isDone()) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            found.completeExceptionally(new IllegalStateException("chromium exited without a DevTools endpoint:\n" + seen));
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return found.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    } else {
                        events.add(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("DevTools sent something that is not JSON", e);
                } finally {
                    text.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.abort();
        stop(process, profile);
        FileTrees.deleteRecursively(profile);
    }

    /**
     * Ends Chromium and every process it forked (zygotes, renderers, GPU and network services:
     * they can outlive the browser's own pid and keep writing its profile), and waits until all
     * are gone: SIGTERM, then SIGKILL after 10 s.
     */
    static void stop(Process process, Path profile) throws InterruptedException {
        // A helper re-parented away from the browser is found by the profile in its command line.
        String flag = "--user-data-dir=" + profile;
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), Stream.concat(process.descendants(),
                ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(flag)))).distinct().toList();
        tree.forEach(ProcessHandle::destroy);
        if (!exited(tree, 10)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            if (!exited(tree, 10)) {
                throw new IllegalStateException("chromium processes survived SIGKILL: " + tree.stream().filter(ProcessHandle::isAlive).toList());
            }
        }
    }

    private static boolean exited(List<ProcessHandle> tree, int seconds) throws InterruptedException {
        try {
            CompletableFuture.allOf(tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

}

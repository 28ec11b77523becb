package org.muraarena.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The team's side of the REST API (docs/DESIGN.md) for {@code submit}: upload, read a submission,
 * tag it. Every answer the server refuses becomes a {@link Refused} carrying the server's own message.
 */
final class ArenaClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: no h2c upgrade offer on each plain-http request; a streamed upload needs nothing more.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20)).build();
    private final URI server;
    private final String token;

    /** A refusal: the HTTP status and the server's message ({@code error}, then each of {@code problems}). */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    ArenaClient(URI server, String token) {
        this.server = server;
        this.token = token;
    }

    /**
     * Whether the server knows the token, asked cheaply before a large upload: an unknown submission
     * (id 0) is a 404 for a known token and a 401 for a wrong one.
     */
    void checkToken() throws IOException, InterruptedException, Refused {
        HttpResponse<String> response = send(request("api/submissions/0").GET());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw refused(response);
        }
    }

    /** POSTs the artifact and manifest; returns the accepted submission ({@code id}, {@code status}, {@code kind}). */
    JsonNode upload(Path artifact, String manifest, MultipartBody.Progress sent) throws IOException, InterruptedException, Refused {
        MultipartBody body;
        try {
            body = MultipartBody.of("manifest", manifest, "artifact", artifact, sent);
        } catch (FileNotFoundException e) {
            throw new IOException("cannot read " + artifact + ": " + e.getMessage(), e);
        }
        return expect(202, send(request("api/submissions").header("Content-Type", body.contentType()).POST(body.publisher())));
    }

    /** The team's view of a submission. */
    JsonNode submission(long id) throws IOException, InterruptedException, Refused {
        return expect(200, send(request("api/submissions/" + id).GET()));
    }

    /** Tags it {@code mura-submit}, which queues its hidden evaluation. */
    JsonNode tag(long id) throws IOException, InterruptedException, Refused {
        return expect(202, send(request("api/submissions/" + id + "/tag").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tag\": \"mura-submit\"}"))));
    }

    private HttpRequest.Builder request(String path) {
        // A relative path: a server under a path prefix keeps it.
        return HttpRequest.newBuilder(server.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode expect(int status, HttpResponse<String> response) throws Refused {
        if (response.statusCode() != status) {
            throw refused(response);
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new Refused(response.statusCode(), "the server answered with something that is not JSON: " + head(response.body()));
        }
    }

    static Refused refused(HttpResponse<String> response) {
        List<String> parts = new ArrayList<>();
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body.hasNonNull("error")) {
                parts.add(body.get("error").asText());
            }
            body.path("problems").forEach(p -> {
                if (parts.stream().noneMatch(known -> known.contains(p.asText()))) {
                    parts.add(p.asText());
                }
            });
        } catch (JsonProcessingException e) {
            // not JSON (a proxy's page): quoted below
        }
        if (parts.isEmpty()) {
            parts.add(response.body().isBlank() ? "no message" : head(response.body()));
        }
        String message = String.join("; ", parts);
        String retry = response.headers().firstValue("Retry-After").map(s -> " (retry after " + s + " s)").orElse("");
        return new Refused(response.statusCode(), "HTTP " + response.statusCode() + ": " + message + retry);
    }

    private static String head(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}

package org.muraarena.worker;

import org.muraarena.core.Hashing;
import org.muraarena.competition.submission.ArtifactStore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.muraarena.core.ArenaConfig;

/**
 * Gives a worker an artifact as a local file: from this process's own store when it is there
 * (the server's embedded worker, or shared storage), else fetched from the server over
 * authenticated HTTP into the local store, its sha256 checked before it is used.
 */
@ApplicationScoped
public class ArtifactFetcher {
    private final ArtifactStore store;
    private final Optional<String> serverUrl;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Inject
    public ArtifactFetcher(ArtifactStore store, ArenaConfig config) {
        this(store, config.worker().serverUrl(), config.worker().token());
    }

    ArtifactFetcher(ArtifactStore store, Optional<String> serverUrl, Optional<String> token) {
        this.store = store;
        this.serverUrl = serverUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        this.token = token;
    }

    /** Thrown when the artifact cannot be had, or arrived damaged. */
    public static class FetchException extends Exception {
        public FetchException(String message) {
            super(message);
        }
    }

    /** The artifact with that content hash as a local file. */
    public Path local(String sha256) throws FetchException {
        Path path = store.path(sha256);
        if (Files.exists(path)) {
            return path;
        }
        if (serverUrl.isEmpty()) {
            throw new FetchException("artifact " + sha256 + " is not in " + path.getParent()
                    + " and no arena.worker.server-url is set to fetch it from");
        }
        try {
            return fetch(sha256);
        } catch (IOException e) {
            throw new FetchException("cannot fetch artifact " + sha256 + " from " + serverUrl.get() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while fetching artifact " + sha256);
        }
    }

    private Path fetch(String sha256) throws IOException, InterruptedException, FetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverUrl.get() + "/api/artifacts/" + sha256))
                .timeout(Duration.ofMinutes(30)).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        Path dir = store.path(sha256).getParent();
        Files.createDirectories(dir);
        Path staging = dir.resolve(ArtifactStore.inProgressName(sha256, "fetch"));
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new FetchException("the server answered " + response.statusCode() + " for artifact " + sha256
                            + ": " + new String(body.readNBytes(500)));
                }
                Files.copy(body, staging, StandardCopyOption.REPLACE_EXISTING);
            }
            String actual = Hashing.sha256(staging);
            if (!actual.equals(sha256)) {
                throw new FetchException("artifact " + sha256 + " arrived with sha256 " + actual + "; refused");
            }
            return store.adopt(staging, sha256);
        } finally {
            Files.deleteIfExists(staging);
        }
    }
}

package org.muraarena.worker;

import org.muraarena.competition.submission.ArtifactStore;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.muraarena.http.api.TeamResourceTest;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.NoWorkerProfile;
import org.muraarena.testing.QueueFixtures;
import org.muraarena.testing.TestData;

/** A worker with its own (empty) store fetches from the real server and checks the hash. */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
@TestProfile(NoWorkerProfile.class)
class ArtifactFetcherTest {
    @TestHTTPResource("/")
    URL server;
    @ConfigProperty(name = "arena.data-dir")
    String dataDir;

    @Test
    void fetchesVerifiesAndKeepsOnlyGoodArtifacts() throws Exception {
        String team = TeamResourceTest.createTeam("fetcher-" + System.nanoTime());
        long id = QueueFixtures.upload(team, "fetched");
        String sha = given().header("Authorization", "Bearer " + team).get("/api/submissions/" + id).jsonPath().getString("sha256");
        Path workerStore = Files.createTempDirectory("worker-store-");
        try {
            ArtifactFetcher fetcher = new ArtifactFetcher(new ArtifactStore(workerStore), Optional.of(server.toString()),
                    Optional.of(NoWorkerProfile.WORKER_TOKEN));
            Path local = fetcher.local(sha);
            assertEquals(workerStore.resolve(sha).toAbsolutePath(), local);
            assertArrayEquals(QueueFixtures.tinyModel(), Files.readAllBytes(local));

            // Wrong token: refused with the server's answer; nothing left behind.
            ArtifactFetcher stranger = new ArtifactFetcher(new ArtifactStore(workerStore.resolve("other")),
                    Optional.of(server.toString()), Optional.of("wrong"));
            ArtifactFetcher.FetchException refused = assertThrows(ArtifactFetcher.FetchException.class, () -> stranger.local(sha));
            assertTrue(refused.getMessage().contains("403"), refused.getMessage());

            // The server's copy is damaged (bytes that do not hash to the name): refused, nothing kept.
            String fake = "b".repeat(64);
            Files.write(Path.of(dataDir, "artifacts", fake), new byte[] {1, 2, 3});
            ArtifactFetcher.FetchException damaged = assertThrows(ArtifactFetcher.FetchException.class, () -> fetcher.local(fake));
            assertTrue(damaged.getMessage().contains("arrived with sha256"), damaged.getMessage());
            try (var files = Files.list(workerStore)) {
                assertEquals(1, files.filter(Files::isRegularFile).count(), "only the verified artifact is in the worker's store");
            }
            Files.delete(Path.of(dataDir, "artifacts", fake));

            ArtifactFetcher offline = new ArtifactFetcher(new ArtifactStore(workerStore.resolve("x")), Optional.empty(), Optional.empty());
            assertTrue(assertThrows(ArtifactFetcher.FetchException.class, () -> offline.local(sha))
                    .getMessage().contains("no arena.worker.server-url"));
        } finally {
            TestData.deleteTree(workerStore);
        }
    }

    @Test
    void leftoversOfDeadWritersAreSweptButNotThoseOfLiveOnes() throws Exception {
        Path dir = Files.createTempDirectory("store-sweep-");
        try {
            ArtifactStore store = new ArtifactStore(dir);
            String sha = "c".repeat(64);
            Path dead = dir.resolve(sha + ".staging-999999999-1");
            Path live = dir.resolve(ArtifactStore.inProgressName(sha, "fetch"));
            Path complete = dir.resolve(sha);
            for (Path p : new Path[] {dead, live, complete}) {
                Files.write(p, new byte[] {7});
            }
            assertEquals(1, store.removeLeftovers());
            assertTrue(Files.exists(live) && Files.exists(complete) && !Files.exists(dead));
        } finally {
            TestData.deleteTree(dir);
        }
    }
}

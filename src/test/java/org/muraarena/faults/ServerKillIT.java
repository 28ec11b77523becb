package org.muraarena.faults;

import org.muraarena.core.Hashing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.ArtifactStore;
import org.muraarena.testing.Polling;

/**
 * Fault 2: the server killed with SIGKILL while uploads stream in (some finished, some halfway
 * through their bodies). Afterwards no partial artifact is visible under an artifact's name, every
 * submission row has its complete artifact and its dry run (no orphan rows), every upload the
 * client was told succeeded is there, and the restarted server sweeps the leftovers and goes on.
 */
class ServerKillIT {
    private static final Pattern COMPLETE = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern IN_PROGRESS = Pattern.compile("[0-9a-f]{64}\\.(staging|fetch)-\\d+-\\d+");

    @Test
    void killingTheServerDuringUploadsLeavesNoPartialArtifactAndNoOrphanRow() throws Exception {
        byte[] baseline = Files.readAllBytes(Path.of("submissions/baseline/baseline.onnx"));
        String manifest = "{\"name\": \"upload-under-fire\"}";
        try (Cluster cluster = Cluster.onSharedPostgres("upload")) {
            cluster.startServer();
            String team = cluster.team("upload-team");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger cut = new AtomicInteger();
            AtomicInteger serial = new AtomicInteger();
            ExecutorService uploaders = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 8; i++) {
                uploaders.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        int n = serial.incrementAndGet();
                        byte[] artifact = withDocString(baseline, "upload " + n);
                        byte[] body = Cluster.multipart(artifact, manifest);
                        // Slow bodies (about 1–3 s each) so that the kill finds some halfway through.
                        int pause = 10 + n % 25;
                        try {
                            HttpResponse<String> r = http.send(Cluster.uploadRequest(cluster.url(), team, artifact, manifest,
                                    HttpRequest.BodyPublishers.ofInputStream(() -> slow(body, pause))), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 202) {
                                acknowledged.add(cluster.json(r).get("id").asLong());
                            } else {
                                throw new IllegalStateException("upload refused: " + r.statusCode() + " " + r.body());
                            }
                        } catch (IOException e) {
                            cut.incrementAndGet(); // the server died under this upload, or refuses connections now
                            if (!cluster.server.isAlive()) {
                                return null;
                            }
                        }
                    }
                    return null;
                });
            }
            Polling.upTo(Duration.ofSeconds(120), "uploads succeed before the kill")
                    .until(() -> acknowledged.size() >= 6);
            Thread.sleep(700); // on purpose: into the middle of the next bodies
            Cluster.kill9(cluster.server);
            uploaders.shutdown();
            assertTrue(uploaders.awaitTermination(60, TimeUnit.SECONDS));

            Path artifacts = cluster.serverData().resolve("artifacts");
            List<String> inProgress = new ArrayList<>();
            for (Path p : list(artifacts)) {
                String name = p.getFileName().toString();
                if (COMPLETE.matcher(name).matches()) {
                    assertEquals(name, Hashing.sha256(p), "a file under an artifact's name is always complete");
                } else {
                    assertTrue(IN_PROGRESS.matcher(name).matches(), "unexpected file in the store: " + name);
                    inProgress.add(name);
                }
            }

            Path uploads = cluster.serverData().resolve("uploads");
            int buffers = list(uploads).size();
            cluster.startServer();
            assertEquals(List.of(), list(uploads), "the cut-off uploads' buffers are swept at restart");
            for (Path p : list(artifacts)) {
                assertTrue(COMPLETE.matcher(p.getFileName().toString()).matches(), "left over after restart: " + p);
            }
            List<Map<String, Object>> submissions = cluster.query(
                    "select s.id, s.sha256, s.size_bytes, (select count(*) from evaluation e where e.submission_id = s.id) as evaluations,"
                    + " (select count(*) from evaluation e where e.submission_id = s.id and e.phase = 'DRY_RUN') as dry_runs from submission s");
            Set<Long> stored = ConcurrentHashMap.newKeySet();
            for (Map<String, Object> s : submissions) {
                long id = ((Number) s.get("id")).longValue();
                stored.add(id);
                Path file = artifacts.resolve(((String) s.get("sha256")).trim());
                assertTrue(Files.exists(file), "submission " + id + " has its artifact");
                assertEquals(((Number) s.get("size_bytes")).longValue(), Files.size(file));
                assertEquals(1L, ((Number) s.get("evaluations")).longValue(), "submission " + id + " has exactly its dry run");
                assertEquals(1L, ((Number) s.get("dry_runs")).longValue());
            }
            assertTrue(stored.containsAll(acknowledged), "every acknowledged upload survived: " + acknowledged + " vs " + stored);
            long orphans = ((Number) cluster.query("select count(*) as n from evaluation e where not exists "
                    + "(select 1 from submission s where s.id = e.submission_id)").get(0).get("n")).longValue();
            assertEquals(0, orphans);
            Set<String> referenced = new java.util.HashSet<>();
            submissions.forEach(s -> referenced.add(((String) s.get("sha256")).trim()));
            long unreferenced = list(artifacts).stream().filter(p -> !referenced.contains(p.getFileName().toString())).count();

            // The restarted server takes uploads again.
            long after = cluster.upload(team, withDocString(baseline, "after the restart"), manifest);
            assertTrue(after > 0);
            System.out.printf("NOTICE: server killed with %d uploads acknowledged and %d cut off; %d submissions stored, "
                    + "%d in-progress file(s) and %d upload buffer(s) swept at restart, %d complete artifact(s) without a row (their transaction never committed)%n",
                    acknowledged.size(), cut.get(), stored.size(), inProgress.size(), buffers, unreferenced);
        }
    }

    /** The ONNX model with a doc_string appended (protobuf: the last value of a field wins): distinct bytes, same model. */
    static byte[] withDocString(byte[] model, String doc) {
        byte[] text = doc.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(model);
        out.write(0x32); // field 6 (doc_string), length-delimited
        out.write(text.length); // < 128: one varint byte
        out.writeBytes(text);
        return out.toByteArray();
    }

    static InputStream slow(byte[] body, int pauseMillis) {
        return new InputStream() {
            int at;

            @Override
            public int read() {
                return at < body.length ? body[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at >= body.length) {
                    return -1;
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
                int n = Math.min(Math.min(len, 2048), body.length - at);
                System.arraycopy(body, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}

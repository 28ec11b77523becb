package org.muraarena.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muraarena.http.RawUpload;
import org.muraarena.testing.ArenaTestResource;

/**
 * Uploads refused before their body is read: a stranger's, and one larger than any artifact may
 * be. 300 MB are offered; the answer must come in under 2 s (the acceptance bound, measured on a
 * shared 2-core machine) and the uploads folder must not grow by 1 MB at any moment.
 */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
class UploadRefusalTest {
    private static final long OFFERED = 300L << 20;
    private static final String MANIFEST = "{\"name\": \"big\"}";

    /**
     * One small refused upload first, so that the measured ones do not pay for the first request's
     * class loading and JIT: on a loaded machine that alone took over a second.
     */
    @BeforeEach
    void warmUp() throws Exception {
        if (!warm) { // per class, but the test port is known only once a test is about to run
            RawUpload.post("/api/submissions", null, 1 << 20, MANIFEST, true);
            warm = true;
        }
    }

    private static boolean warm;

    @Test
    void anAnonymous300MbUploadIsRefused401BeforeItsBodyIsRead() throws Exception {
        Measured m = measure(() -> RawUpload.post("/api/submissions", null, OFFERED, MANIFEST, true));
        assertEquals(401, m.answer.status(), m.answer.text());
        assertTrue(m.answer.text().contains("missing or wrong bearer token"), m.answer.text());
        assertBounds(m, "anonymous");
    }

    @Test
    void aWrongTokenUploadIsRefused401BeforeItsBodyIsRead() throws Exception {
        Measured m = measure(() -> RawUpload.post("/api/submissions", "Bearer mura_wrong", OFFERED, MANIFEST, true));
        assertEquals(401, m.answer.status(), m.answer.text());
        assertBounds(m, "wrong token");
    }

    @Test
    void aTeamUploadOverTheCapIsRefused413BeforeItsBodyIsRead() throws Exception {
        String token = TeamResourceTest.createTeam("Over The Cap " + System.nanoTime());
        Measured m = measure(() -> RawUpload.post("/api/submissions", "Bearer " + token, OFFERED, MANIFEST, true));
        assertEquals(413, m.answer.status(), m.answer.text());
        assertTrue(m.answer.text().contains("at most"), m.answer.text());
        assertBounds(m, "over the cap");
    }

    @Test
    void aTruncatedMultipartBodyIsABadRequestNotAServerError() throws Exception {
        String token = TeamResourceTest.createTeam("Truncated " + System.nanoTime());
        RawUpload.Answer answer = RawUpload.post("/api/submissions", "Bearer " + token, 1000, MANIFEST, false);
        System.out.println("[upload-refusal] truncated multipart: " + answer.text().lines().findFirst().orElse("(no answer)"));
        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.text().contains("multipart body ended early"), answer.text());
    }

    @Test
    void aManifestOverItsCapIsA400NamingTheCapAsAFieldOrAsAFilePart() {
        String token = TeamResourceTest.createTeam("Wordy Manifests " + System.nanoTime());
        String padded = "{\"name\": \"wordy\", \"notes\": \"" + "x".repeat(3 << 20) + "\"}";
        byte[] model = new byte[1024];
        given().header("Authorization", "Bearer " + token).multiPart("artifact", "m.onnx", model)
                .multiPart("manifest", "manifest.json", padded.getBytes(StandardCharsets.UTF_8), "application/json")
                .post("/api/submissions").then().statusCode(400).body("error", containsString("at most 65536 bytes"));
        for (int size : new int[] {100_000, 300_000}) {
            given().header("Authorization", "Bearer " + token).multiPart("artifact", "m.onnx", model)
                    .multiPart("manifest", padded.substring(0, size - 2) + "\"}")
                    .post("/api/submissions").then().statusCode(400).body("error", containsString("65536"));
        }
    }

    private record Measured(RawUpload.Answer answer, long grownBytes) {
    }

    private interface Upload {
        RawUpload.Answer send() throws Exception;
    }

    /** Runs the upload while sampling the uploads folder, whose files come and go, for its peak growth. */
    private static Measured measure(Upload upload) throws Exception {
        Path uploads = Path.of(ConfigProvider.getConfig().getValue("quarkus.http.body.uploads-directory", String.class));
        long before = RawUpload.size(uploads);
        AtomicLong peak = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(RawUpload.size(uploads) - before, Math::max);
                try {
                    Thread.sleep(1); // a sample each millisecond, without taking a core from the server
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        try {
            RawUpload.Answer answer = upload.send();
            return new Measured(answer, peak.get());
        } finally {
            done.set(true);
            sampler.join();
        }
    }

    private static void assertBounds(Measured m, String what) {
        System.out.printf("[upload-refusal] %s: %d in %d ms, %d bytes sent of %d, uploads folder grew at most %d bytes%n",
                what, m.answer.status(), m.answer.millis(), m.answer.bytesSent(), OFFERED, m.grownBytes);
        assertTrue(m.answer.bytesSent() < OFFERED / 4, what + ": " + m.answer.bytesSent() + " bytes were taken before the answer");
        assertTrue(m.answer.millis() < 2000, what + " answered after " + m.answer.millis() + " ms");
        assertTrue(m.grownBytes < (1 << 20), what + ": the uploads folder grew by " + m.grownBytes + " bytes");
    }
}

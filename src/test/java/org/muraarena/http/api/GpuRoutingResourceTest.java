package org.muraarena.http.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.workers.WorkerRegistry;
import org.muraarena.testing.ArenaTestResource;
import org.muraarena.testing.NoWorkerProfile;

/** A container that asks for a GPU is refused at upload while no worker has one, instead of waiting forever. */
@QuarkusTest
@QuarkusTestResource(ArenaTestResource.class)
@TestProfile(NoWorkerProfile.class)
class GpuRoutingResourceTest {
    static final String GPU_MANIFEST = "{\"name\": \"wants-gpu\", \"kind\": \"container\", \"gpu\": true}";

    @Inject
    WorkerRegistry registry;

    @Test
    void aGpuContainerNeedsALiveGpuWorker() {
        String team = TeamResourceTest.createTeam("gpu-" + System.nanoTime());
        // Other test classes share this database: start from a fleet with no live worker.
        registry.recent(Duration.ofDays(1)).forEach(w -> registry.signOff(w.name));
        registry.register("cpu-only-" + System.nanoTime(), "cpu-box", 1, "CONTAINER,ONNX");
        upload(team).then().statusCode(400).body("error", containsString("no worker of this competition has one"));

        String gpu = "gpu-box-" + System.nanoTime();
        registry.register(gpu, "gpu-box", 2, "CONTAINER,ONNX,gpu");
        // Past the GPU check now: the bytes below are no image, which is the next thing said.
        upload(team).then().statusCode(400).body("error", not(containsString("GPU")));
        registry.signOff(gpu);
        upload(team).then().statusCode(400).body("error", containsString("no worker of this competition has one"));
    }

    static io.restassured.response.Response upload(String team) {
        return given().header("Authorization", "Bearer " + team)
                .multiPart("artifact", "image.tar", new byte[] {1, 2, 3, 4}, "application/octet-stream")
                .multiPart("manifest", GPU_MANIFEST).when().post("/api/submissions");
    }
}

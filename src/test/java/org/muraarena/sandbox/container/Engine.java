package org.muraarena.sandbox.container;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Docker engine and test images the container tests need. Missing locally: the test is
 * skipped with a NOTICE saying what to run; missing under {@code CI=true}: the test fails.
 */
public final class Engine {
    public static final Path IMAGES = Path.of("target", "container-images").toAbsolutePath();

    private Engine() {
    }

    /** The engine at {@code DOCKER_HOST} (else the default socket), or skip/fail when none answers. */
    public static DockerEngine reachableOrSkip() {
        DockerEngine engine = new DockerEngine(Optional.empty());
        if (!engine.reachable()) {
            missing(engine.unreachableMessage() + ": start one with 'sandbox/engine.sh start' and export"
                    + " DOCKER_HOST=unix:///run/arena-docker/docker.sock; the container tests did not run");
        }
        return engine;
    }

    /** A test image tarball from {@code target/container-images/}, or skip/fail when it was not built. */
    public static Path image(String file) {
        Path tar = IMAGES.resolve(file);
        if (!Files.isRegularFile(tar)) {
            missing(tar + " is missing: build the test images with 'sandbox/build-test-images.sh target/container-images'"
                    + " (.ci/run does); the container tests did not run");
        }
        return tar;
    }

    private static void missing(String notice) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(notice);
        }
        System.err.println("NOTICE: " + notice);
        Assumptions.abort(notice);
    }
}

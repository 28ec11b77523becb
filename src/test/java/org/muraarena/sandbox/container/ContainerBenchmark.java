package org.muraarena.sandbox.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.muraarena.sandbox.RunListener;
import org.muraarena.sandbox.RunRequest;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.testing.TestData;

/**
 * Not a test: the harness's overhead per container run against a plain {@code docker run} of the
 * same image with the same flags on the same input (the example image on the sample set), and
 * the example's end-to-end time on the hidden set. Needs the engine and the test images:
 * <pre>
 * sandbox/build-test-images.sh target/container-images
 * export DOCKER_HOST=unix:///run/arena-docker/docker.sock
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.muraarena.sandbox.container.ContainerBenchmark [RUNS]
 * </pre>
 */
public final class ContainerBenchmark {
    private static final RunListener QUIET = new RunListener() {
        @Override
        public void progress(int done, int total) {
        }

        @Override
        public void log(String line) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        DockerEngine engine = new DockerEngine(Optional.empty());
        if (!engine.reachable()) {
            throw new IllegalStateException(engine.unreachableMessage());
        }
        Path image = Engine.IMAGES.resolve("example.tar");
        Path data = TestData.dataset();
        ContainerLimits limits = new ContainerLimits(4L << 30, 256, 2, 256L << 20, 64L << 20, 1L << 20,
                Duration.ofMinutes(30), "10001:10001");
        ContainerSandbox sandbox = new ContainerSandbox(engine, limits);
        String imageId = ImageTarball.inspect(image).imageId();
        harness(sandbox, image, data, "sample"); // warm-up: loads the image if needed, warms the JIT and the page cache
        plain(imageId, data, "sample", limits);

        List<Double> harness = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int i = 0; i < runs; i++) { // interleaved, so that drift hits both alike
            harness.add(harness(sandbox, image, data, "sample"));
            plain.add(plain(imageId, data, "sample", limits));
        }
        double h = median(harness);
        double p = median(plain);
        System.out.printf("sample set (28 studies, 75 images), %d runs each, median:%n", runs);
        System.out.printf("  harness (ContainerSandbox.run): %.2f s  %s%n", h, harness);
        System.out.printf("  plain docker run, same flags:   %.2f s  %s%n", p, plain);
        System.out.printf("  ratio %.2fx, overhead %.2f s per run%n", h / p, h - p);
        List<Double> hidden = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hidden.add(harness(sandbox, image, data, "test"));
        }
        System.out.printf("hidden set (207 studies, 556 images), end to end through the harness, median of 3: %.2f s  %s%n",
                median(hidden), hidden);
    }

    private static double harness(ContainerSandbox sandbox, Path image, Path data, String set) throws IOException, SandboxFailure {
        Path work = Files.createTempDirectory("bench-work");
        try {
            long start = System.nanoTime();
            sandbox.run(new RunRequest(1, image, SandboxTestManifests.CONTAINER, data, set, work, false), QUIET);
            return (System.nanoTime() - start) / 1e9;
        } finally {
            TestData.deleteTree(work);
        }
    }

    /** {@code docker run} with the flags ContainerLimits applies, the same mounts and a capped output volume. */
    private static double plain(String imageId, Path data, String set, ContainerLimits l) throws IOException, InterruptedException {
        Path input = Files.createTempDirectory("bench-input");
        String volume = "bench-output-" + ProcessHandle.current().pid();
        try {
            input.toFile().setReadable(true, false);
            input.toFile().setExecutable(true, false);
            Path csv = input.resolve(set + "_image_paths.csv");
            Files.copy(data.resolve("MURA-v1.1/" + set + "_image_paths.csv"), csv);
            csv.toFile().setReadable(true, false);
            docker("volume", "create", "--driver", "local", "--opt", "type=tmpfs", "--opt", "device=tmpfs",
                    "--opt", "o=size=" + (l.outputBytes() + (1L << 20)) + ",uid=10001,gid=10001,mode=0700", volume);
            long start = System.nanoTime();
            docker("run", "--rm", "--network", "none", "--user", l.user(), "--cap-drop", "ALL",
                    "--security-opt", "no-new-privileges", "--read-only",
                    "--tmpfs", "/tmp:rw,noexec,nosuid,nodev,size=" + l.tmpBytes(), "--pids-limit", Long.toString(l.pids()),
                    "--memory", Long.toString(l.memoryBytes()), "--memory-swap", Long.toString(l.memoryBytes()),
                    "--cpus", Double.toString(l.cpus()), "--log-driver", "none", "-e", "HOME=/tmp",
                    "--mount", "type=bind,src=" + data.resolve("MURA-v1.1").resolve(set).toRealPath()
                            + ",dst=/mura/MURA-v1.1/" + set + ",readonly",
                    "--mount", "type=bind,src=" + input + ",dst=/arena/input,readonly",
                    "--mount", "type=volume,src=" + volume + ",dst=/arena/output", "-w", "/mura",
                    imageId, "/arena/input/" + csv.getFileName(), "/arena/output/predictions.csv");
            return (System.nanoTime() - start) / 1e9;
        } finally {
            docker("volume", "rm", "-f", volume);
            TestData.deleteTree(input);
        }
    }

    private static void docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

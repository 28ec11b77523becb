package org.muraarena.sandbox.container;

import io.quarkus.logging.Log;
import org.muraarena.core.Gpu;

import com.github.dockerjava.api.exception.DockerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.Compute;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.dataset.MuraTree;
import org.muraarena.core.FailureClass;
import org.muraarena.sandbox.RunListener;
import org.muraarena.sandbox.RunOutcome;
import org.muraarena.sandbox.RunRequest;
import org.muraarena.sandbox.Sandbox;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.core.Manifest;

/**
 * Runs container submissions ({@code docker save} tarballs) on a Docker engine, under the limits
 * of {@link ContainerLimits}. Uploads are checked offline ({@link ImageTarball}) and, when an
 * engine answers, loaded there at once; a run loads the image from the artifact when the engine
 * lacks it (a worker on another machine, a pruned engine).
 */
@ApplicationScoped
public class ContainerSandbox implements Sandbox {
    private final DockerEngine engine;
    private final ContainerLimits limits;
    /** Image IDs by artifact, so a tarball is read once per process (an ID is derived, never stored). */
    private final Map<Path, String> imageIds = new ConcurrentHashMap<>();
    private final Optional<Boolean> configuredEnabled;
    private volatile Boolean enabled;

    @Inject
    public ContainerSandbox(ArenaConfig config) {
        this(new DockerEngine(config.container().dockerHost()), ContainerLimits.from(config.container()), config.container().enabled());
    }

    public ContainerSandbox(DockerEngine engine, ContainerLimits limits) {
        this(engine, limits, Optional.of(true));
    }

    private ContainerSandbox(DockerEngine engine, ContainerLimits limits, Optional<Boolean> enabled) {
        this.engine = engine;
        this.limits = limits;
        this.configuredEnabled = enabled;
    }

    @Override
    public boolean supports(Manifest.Kind kind) {
        return kind == Manifest.Kind.CONTAINER && enabled();
    }

    /**
     * Whether this server accepts and runs containers: {@code arena.container.enabled}, else whether
     * the engine answered when first asked (at start); decided once, so it never flips under a team.
     */
    public boolean enabled() {
        Boolean decided = enabled;
        if (decided == null) {
            synchronized (this) {
                if (enabled == null) {
                    enabled = configuredEnabled.orElseGet(engine::reachable);
                    Log.infof("container submissions %s (%s)", enabled ? "accepted" : "not accepted",
                            configuredEnabled.isPresent() ? "arena.container.enabled" : engine.host()
                                    + (enabled ? " answers" : " does not answer"));
                }
                decided = enabled;
            }
        }
        return decided;
    }

    /** Whether the engine answers now (for readiness). */
    public boolean engineReachable() {
        return engine.reachable();
    }

    @Override
    public List<String> uploadProblems(Path artifact, Manifest manifest) {
        if (manifest.kind() != Manifest.Kind.CONTAINER) {
            return List.of();
        }
        try {
            ImageTarball.Inspection inspection = ImageTarball.inspect(artifact);
            if (!inspection.ok() || !engine.reachable()) {
                return inspection.problems();
            }
            String problem = engine.load(artifact, inspection.imageId());
            return problem == null ? List.of() : List.of(problem);
        } catch (IOException e) {
            return List.of("cannot read the artifact: " + e.getMessage());
        }
    }

    @Override
    public RunOutcome run(RunRequest request, RunListener listener) throws SandboxFailure {
        boolean gpu = request.manifest().gpu();
        if (gpu && !Gpu.present()) {
            // The team's to change (or the organizers' to route), not a platform fault to retry.
            throw new SandboxFailure(FailureClass.INVALID_MODEL, "the manifest asks for a GPU (\"gpu\": true) but this worker has"
                    + " none (no NVIDIA driver at " + Gpu.DRIVER + "); submit with \"gpu\": false to run on CPUs");
        }
        if (!engine.reachable()) {
            throw new SandboxFailure(FailureClass.INTERNAL, engine.unreachableMessage());
        }
        try {
            List<MuraStudy> studies = new MuraTree(request.datasetRoot()).studies(request.set());
            int images = studies.stream().mapToInt(s -> s.images().size()).sum();
            listener.progress(0, images);
            String imageId = ensureImage(request.artifact(), listener);
            ContainerRun.Ending ending;
            ContainerLimits runLimits = limits.withTimeLimit(request.timeLimitWithin(limits.timeLimit()));
            try (ContainerRun run = new ContainerRun(engine, runLimits, request, listener)) {
                HolderImage.ensureLoaded(engine);
                ending = run.run(imageId, gpu);
            }
            // GPU seconds: the container's wall time when it was given the GPUs (held from start to end).
            Compute compute = ending.cpu().map(cpu -> Compute.of(cpu, gpu, ending.wall())).orElse(null);
            try {
                throwIfFailed(ending, runLimits);
                Map<String, Double> probabilities = ContainerOutput.read(ending.output(), studies,
                        request.manifest().aggregation(), request.hidden(), listener);
                listener.progress(images, images);
                return RunOutcome.ofStudies(probabilities, gpu ? "docker-gpu" : "docker", compute);
            } catch (SandboxFailure failure) {
                throw failure.withCompute(compute);
            }
        } catch (IOException | DockerException e) {
            throw new SandboxFailure(FailureClass.INTERNAL, "the container run failed inside the arena: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxFailure(FailureClass.INTERNAL, "interrupted while the container ran", e);
        }
    }

    /** The artifact's image ID, loading the image into the engine when it is not there. */
    private String ensureImage(Path artifact, RunListener listener) throws IOException, SandboxFailure {
        String imageId = imageIds.get(artifact);
        if (imageId == null) {
            ImageTarball.Inspection inspection = ImageTarball.inspect(artifact);
            if (!inspection.ok()) {
                throw new SandboxFailure(FailureClass.INVALID_MODEL, String.join("; ", inspection.problems()));
            }
            imageId = inspection.imageId();
            imageIds.put(artifact, imageId);
        }
        if (!engine.hasImage(imageId)) {
            listener.log("[sandbox] loading image " + imageId + " from the artifact");
            String problem = engine.load(artifact, imageId);
            if (problem != null) {
                throw new SandboxFailure(FailureClass.INVALID_MODEL, problem);
            }
        }
        return imageId;
    }

    private void throwIfFailed(ContainerRun.Ending e, ContainerLimits limits) throws SandboxFailure {
        if (e.cancelled()) {
            throw new SandboxFailure(FailureClass.CANCELLED, "the run was cancelled");
        }
        if (e.timedOut()) {
            throw new SandboxFailure(FailureClass.TIME_LIMIT, "ran past the time limit of " + human(limits.timeLimit()));
        }
        if (e.flooded()) {
            throw new SandboxFailure(FailureClass.INVALID_OUTPUT, "stopped: it wrote more than "
                    + human(limits.logFloodBytes()) + " to stdout/stderr (only " + human(limits.logBytes()) + " of a log is kept)");
        }
        if (e.oomKilled()) {
            throw new SandboxFailure(FailureClass.MEMORY_LIMIT, "ran out of memory (the limit is "
                    + human(limits.memoryBytes()) + ", /tmp included, no swap)");
        }
        if (e.outputBytes() > limits.outputBytes()) {
            throw new SandboxFailure(FailureClass.INVALID_OUTPUT, "the output folder holds more than its "
                    + human(limits.outputBytes()) + " cap");
        }
        if (e.exitCode() != 0) {
            throw new SandboxFailure(FailureClass.EXIT_CODE, "exit code " + e.exitCode());
        }
        if (e.output() == null) {
            throw new SandboxFailure(FailureClass.INVALID_OUTPUT, "the container exited 0 but wrote no " + ContainerRun.OUTPUT_DIR
                    + "/" + ContainerRun.OUTPUT_NAME + " (the OUTPUT_CSV argument)");
        }
    }

    static String human(long bytes) {
        return bytes >= (1L << 30) && bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB"
                : bytes >= (1L << 20) && bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB"
                : bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + " h" : s % 60 == 0 && s > 0 ? s / 60 + " min" : s + " s";
    }
}

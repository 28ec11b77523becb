package org.muraarena.sandbox.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.StreamType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.muraarena.dataset.MuraTree;
import org.muraarena.core.FailureClass;
import org.muraarena.sandbox.RunListener;
import org.muraarena.sandbox.RunRequest;
import org.muraarena.sandbox.SandboxFailure;

/**
 * One run of a submission's image under the MURA contract, from creating its containers to
 * removing them: the image's own entrypoint with {@code INPUT_CSV OUTPUT_CSV}; the working
 * directory {@value #WORKDIR} holds only {@code MURA-v1.1/<set>} (read-only, never the labels);
 * the input CSV in a read-only folder; the output folder a capped tmpfs volume that a holder
 * container keeps mounted (see {@link HolderImage}) until it is read back. Everything it created
 * is removed by {@link #close()}, whatever happened.
 */
final class ContainerRun implements AutoCloseable {
    static final String WORKDIR = "/mura";
    static final String INPUT_DIR = "/arena/input";
    static final String OUTPUT_DIR = "/arena/output";
    static final String OUTPUT_NAME = "predictions.csv";
    private static final long POLL_MILLIS = 100;
    /** Engine calls that overlap others of the same run (each waits on the engine, not the CPU). */
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "container-run");
        t.setDaemon(true);
        return t;
    });

    /**
     * How the submission's container ended, and what it left in the output folder.
     *
     * @param cpu the container's CPU time ({@link CpuMeter}), empty when the engine sent no sample
     * @param wall from its start to its end
     */
    record Ending(boolean cancelled, boolean timedOut, boolean flooded, boolean oomKilled, long exitCode, long outputBytes, Path output,
                  Optional<Duration> cpu, Duration wall) {
    }

    private final DockerClient docker;
    private final ContainerLimits limits;
    private final RunRequest request;
    private final RunListener listener;
    private final Map<String, String> labels;
    private final String name;
    private final List<String> containers = new CopyOnWriteArrayList<>();
    private String volume;
    private volatile String holder;
    private CompletableFuture<Void> holderUp;

    ContainerRun(DockerEngine engine, ContainerLimits limits, RunRequest request, RunListener listener) {
        this.docker = engine.client();
        this.limits = limits;
        this.request = request;
        this.listener = listener;
        this.labels = Map.of(DockerEngine.EVALUATION_LABEL, Long.toString(request.evaluationId()),
                DockerEngine.OWNER_LABEL, DockerEngine.OWNER);
        this.name = "arena-" + request.evaluationId() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs the image to its end, the deadline or a cancel; blocks. */
    Ending run(String imageId, boolean gpu) throws IOException, InterruptedException, SandboxFailure {
        Path input = writeInput();
        volume = docker.createVolumeCmd().withName(name + "-output").withDriver("local")
                .withDriverOpts(limits.outputVolumeOptions()).withLabels(labels).exec().getName();
        // The holder starts while the submission's container is prepared; it must be up before that one starts.
        holderUp = CompletableFuture.runAsync(this::startHolder, BACKGROUND);
        String id = create(imageId, name, false, gpu, input);
        LogTail log = new LogTail(listener, limits.logBytes());
        ResultCallback.Adapter<Frame> output = docker.attachContainerCmd(id).withStdOut(true).withStdErr(true)
                .withFollowStream(true).withLogs(false).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        log.accept(frame.getStreamType() == StreamType.STDERR ? 1 : 0, frame.getPayload());
                    }
                });
        output.awaitStarted(30, TimeUnit.SECONDS);
        await(holderUp);

        long started = System.nanoTime();
        try {
            docker.startContainerCmd(id).exec();
        } catch (DockerException e) {
            // e.g. no ENTRYPOINT, so the input path itself would be executed: the image's fault
            throw new SandboxFailure(FailureClass.INVALID_MODEL, "the image's entrypoint could not be started: " + e.getMessage());
        }
        listener.log("[sandbox] container " + id.substring(0, 12) + " started (" + describe() + ")");
        Stop stop;
        Optional<Duration> cpu;
        try (CpuMeter meter = new CpuMeter(docker, id)) {
            stop = awaitExit(id, started + limits.timeLimit().toNanos(), log, meter);
            cpu = meter.cpu();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        output.awaitCompletion(5, TimeUnit.SECONDS);
        log.finish();

        InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
        long exitCode = state.getExitCodeLong() == null ? -1 : state.getExitCodeLong();
        boolean oom = Boolean.TRUE.equals(state.getOOMKilled());
        listener.log("[sandbox] container " + id.substring(0, 12) + switch (stop) {
            case CANCELLED -> " cancelled";
            case TIME_LIMIT -> " stopped at the time limit";
            case LOG_FLOOD -> " stopped: it wrote more than " + ContainerSandbox.human(limits.logFloodBytes()) + " to stdout/stderr";
            case EXITED -> " exited with code " + exitCode + (oom ? ", killed for want of memory" : "");
        } + String.format(Locale.ROOT, " after %.1f s", wall.toNanos() / 1e9)
                + cpu.map(c -> String.format(Locale.ROOT, ", %.2f CPU s", c.toNanos() / 1e9)).orElse(""));
        if (stop != Stop.EXITED) {
            return new Ending(stop == Stop.CANCELLED, stop == Stop.TIME_LIMIT, stop == Stop.LOG_FLOOD, oom, exitCode, 0, null, cpu, wall);
        }
        return readOutput(oom, exitCode, cpu, wall);
    }

    private enum Stop { EXITED, CANCELLED, TIME_LIMIT, LOG_FLOOD }

    /** Creates and starts the holder; a second one if the first fails to start (seen on a busy engine). */
    private void startHolder() {
        for (int attempt = 1; ; attempt++) {
            String id = create(HolderImage.ID, name + "-holder-" + attempt, true, false, null);
            try {
                docker.startContainerCmd(id).exec();
                holder = id;
                return;
            } catch (DockerException e) {
                if (attempt == 2) {
                    throw e;
                }
                listener.log("[sandbox] the output holder did not start (" + e.getMessage() + "); another one");
                remove(id);
            }
        }
    }

    /**
     * Waits for the container to exit, killing it at the deadline, on a cancel, or once it has
     * written more than {@link ContainerLimits#logFloodBytes} of log (asked every {@value #POLL_MILLIS} ms).
     * A container it kills is frozen first, so that {@code meter} reads its final CPU time.
     */
    private Stop awaitExit(String id, long deadline, LogTail log, CpuMeter meter) throws InterruptedException {
        WaitContainerResultCallback exit = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback());
        while (true) {
            meter.poll();
            if (exit.awaitCompletion(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!running(id)) {
                    return Stop.EXITED;
                }
                // the wait's connection broke, not the container: wait again
                exit = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback());
            }
            Stop stop = listener.cancelled() ? Stop.CANCELLED : System.nanoTime() - deadline > 0 ? Stop.TIME_LIMIT
                    : log.receivedBytes() > limits.logFloodBytes() ? Stop.LOG_FLOOD : null;
            if (stop != null) {
                meter.freezeAndRead();
                kill(id);
                exit.awaitCompletion(30, TimeUnit.SECONDS);
                return stop;
            }
        }
    }

    private String create(String image, String containerName, boolean isHolder, boolean gpu, Path input) {
        HostConfig host = HostConfig.newHostConfig();
        CreateContainerCmd create = docker.createContainerCmd(image).withName(containerName).withLabels(labels);
        List<Mount> mounts = new ArrayList<>();
        mounts.add(new Mount().withType(MountType.VOLUME).withSource(volume).withTarget(OUTPUT_DIR));
        if (isHolder) {
            limits.applyToHolder(create, host);
        } else {
            limits.applyTo(create, host);
            Path set = request.datasetRoot().resolve("MURA-v1.1").resolve(request.set()).toAbsolutePath().normalize();
            // Only the set's own folder: the labels (beside MURA-v1.1/ and in its CSVs) stay out of sight.
            mounts.add(new Mount().withType(MountType.BIND).withSource(set.toString())
                    .withTarget(WORKDIR + "/MURA-v1.1/" + request.set()).withReadOnly(true));
            mounts.add(new Mount().withType(MountType.BIND).withSource(input.getParent().toString())
                    .withTarget(INPUT_DIR).withReadOnly(true));
            create.withWorkingDir(WORKDIR).withEnv("HOME=/tmp")
                    .withCmd(INPUT_DIR + "/" + input.getFileName(), OUTPUT_DIR + "/" + OUTPUT_NAME);
            if (gpu) {
                host.withDeviceRequests(List.of(new DeviceRequest().withCount(-1).withCapabilities(List.of(List.of("gpu")))));
            }
        }
        host.withMounts(mounts);
        String id = create.withHostConfig(host).exec().getId();
        containers.add(id);
        return id;
    }

    /** The set's image list, as the harness hands it over: relative paths under the working directory. */
    private Path writeInput() throws IOException {
        Path dir = request.workDir().resolve("input");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path csv = dir.resolve(request.set() + "_image_paths.csv");
        Files.copy(new MuraTree(request.datasetRoot()).imagePathsCsv(request.set()), csv, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(csv, PosixFilePermissions.fromString("rw-r--r--"));
        return csv;
    }

    /** The output folder through the holder: its total size, and {@value #OUTPUT_NAME} copied to the work folder. */
    private Ending readOutput(boolean oom, long exitCode, Optional<Duration> cpu, Duration wall) throws IOException {
        long total = 0;
        Path copy = null;
        try (InputStream in = docker.copyArchiveFromContainerCmd(holder, OUTPUT_DIR + "/.").exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                total += e.isFile() ? e.getSize() : 0;
                String entry = e.getName().replaceFirst("^\\./", "");
                if (e.isFile() && entry.equals(OUTPUT_NAME) && e.getSize() <= limits.outputBytes()) {
                    copy = request.workDir().resolve("output.csv");
                    Files.copy(BoundedInputStream.builder().setInputStream(tar).setMaxCount(limits.outputBytes()).get(),
                            copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return new Ending(false, false, false, oom, exitCode, total, copy, cpu, wall);
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone already
        } catch (RuntimeException e) {
            listener.log("[sandbox] could not remove container " + id.substring(0, 12) + ": " + e.getMessage());
        }
    }

    private boolean running(String id) {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
    }

    private void kill(String id) {
        try {
            docker.killContainerCmd(id).exec();
        } catch (ConflictException | NotFoundException e) {
            // it ended on its own meanwhile
        }
    }

    private String describe() {
        return "memory " + ContainerSandbox.human(limits.memoryBytes()) + ", " + limits.cpus() + " CPUs, "
                + limits.pids() + " processes, no network, time limit " + ContainerSandbox.human(limits.timeLimit());
    }

    private static void await(CompletableFuture<Void> step) throws InterruptedException {
        try {
            step.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Removes the containers (killing what still runs; all at once) and then the output volume. */
    @Override
    public void close() {
        if (holderUp != null) {
            holderUp.exceptionally(e -> null).join(); // a container still starting cannot be removed
        }
        List<CompletableFuture<Void>> removals = containers.stream()
                .map(id -> CompletableFuture.runAsync(() -> remove(id), BACKGROUND)).toList();
        removals.forEach(CompletableFuture::join);
        if (volume != null) {
            try {
                docker.removeVolumeCmd(volume).exec();
            } catch (NotFoundException e) {
                // gone already
            } catch (RuntimeException e) {
                listener.log("[sandbox] could not remove volume " + volume + ": " + e.getMessage());
            }
        }
    }
}

package org.muraarena.sandbox.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Statistics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CPU time of a running container: its cgroup's CPU counter (every process of the container,
 * dead ones included). The cgroup is gone the moment the container exits (the engine then reports
 * 0), so the counter is read while it runs: from the cgroup filesystem at every {@link #poll()} where
 * this process sees the engine's ({@link CgroupCounter}), and always from the engine's stats stream
 * ({@code cpu_stats.cpu_usage.total_usage}, a sample a second). The highest reading counts:
 * <ul>
 *   <li>a run stopped by the arena (time limit, cancel, log flood) is first paused (frozen), then
 *       read once more and killed: exact;</li>
 *   <li>a run that exits by itself keeps the last reading before its end: a lower bound, short by
 *       what it used after it (at most a poll, 0.1 s, with the cgroup filesystem; a second without).</li>
 * </ul>
 */
final class CpuMeter implements AutoCloseable {
    private static final long FROZEN_READ_SECONDS = 5;

    private final DockerClient docker;
    private final String id;
    private final ResultCallback.Adapter<Statistics> stream;
    private final Optional<CgroupCounter> counter;
    private volatile long highest = -1;

    /** Starts following the container's samples (the engine sends the first at once); call once it runs. */
    CpuMeter(DockerClient docker, String id) {
        this.docker = docker;
        this.id = id;
        Long pid = docker.inspectContainerCmd(id).exec().getState().getPidLong();
        this.counter = pid == null || pid <= 0 ? Optional.empty()
                : CgroupCounter.find(pid, id, Path.of("/proc"), Path.of("/sys/fs/cgroup"));
        this.stream = docker.statsCmd(id).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Statistics statistics) {
                record(statistics);
            }
        });
    }

    /**
     * Freezes the container and reads its counter, which no longer moves: call just before killing
     * it. A container that cannot be paused (it ended meanwhile, say) keeps its last sample.
     */
    void freezeAndRead() {
        try {
            docker.pauseContainerCmd(id).exec();
            if (counter.isPresent()) {
                poll();
                return;
            }
            CompletableFuture<Statistics> fresh = new CompletableFuture<>();
            try (ResultCallback.Adapter<Statistics> once = docker.statsCmd(id).withNoStream(true).exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Statistics statistics) {
                    fresh.complete(statistics);
                }
            })) {
                record(fresh.get(FROZEN_READ_SECONDS, TimeUnit.SECONDS));
            }
        } catch (DockerException | IOException | TimeoutException | ExecutionException e) {
            // not paused or not read: the last sample stands
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the cgroup filesystem's counter, where this process sees it. */
    void poll() {
        counter.flatMap(CgroupCounter::nanos).ifPresent(this::record);
    }

    /** Whether {@link #poll()} reads the cgroup filesystem (else only the engine's samples count). */
    boolean readsCgroup() {
        return counter.isPresent();
    }

    /** The highest counter seen (it only grows), or empty when no sample arrived. */
    Optional<Duration> cpu() {
        long nanos = highest;
        return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    private void record(Statistics statistics) {
        Long total = statistics == null || statistics.getCpuStats() == null || statistics.getCpuStats().getCpuUsage() == null
                ? null : statistics.getCpuStats().getCpuUsage().getTotalUsage();
        if (total != null) {
            record(total);
        }
    }

    private synchronized void record(long nanos) {
        if (nanos > highest) {
            highest = nanos;
        }
    }

    /** Stops following the samples. */
    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            // the stream ended with the container
        }
    }
}

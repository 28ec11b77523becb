package org.muraarena.sandbox.container;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.muraarena.core.ArenaConfig;

/**
 * Every limit and restriction of a submission's container, in one place (docs/DESIGN.md's sandbox
 * rules): no network, a non-root user, all capabilities dropped, no-new-privileges, a read-only
 * root filesystem with a capped tmpfs {@code /tmp}, pids, memory (swap = memory) and CPU limits,
 * never privileged, no host devices. The output-size cap is the output volume's tmpfs size
 * ({@link #outputVolumeOptions()}); the wall clock and the log budget are enforced by the run.
 */
public record ContainerLimits(long memoryBytes, long pids, double cpus, long tmpBytes, long outputBytes,
                              long logBytes, Duration timeLimit, String user) {

    public ContainerLimits {
        if (user.isBlank() || user.equals("0") || user.startsWith("0:") || user.startsWith("root")) {
            throw new IllegalArgumentException("submissions never run as root, got user '" + user + "'");
        }
    }

    /**
     * Log past which a run is stopped (INVALID_OUTPUT): 64 times what is kept of it. Beyond that a
     * flood only burns the engine's and the worker's CPU on bytes that are dropped anyway, and on a
     * busy machine reading it could outlast the time limit.
     */
    public long logFloodBytes() {
        return 64 * logBytes;
    }

    public static ContainerLimits from(ArenaConfig.Container c) {
        return new ContainerLimits(c.memory().asLongValue(), c.pids(), c.cpus(), c.tmpSize().asLongValue(),
                c.outputSize().asLongValue(), c.logSize().asLongValue(), c.timeLimit(), c.user());
    }

    public ContainerLimits withMemory(long bytes) {
        return new ContainerLimits(bytes, pids, cpus, tmpBytes, outputBytes, logBytes, timeLimit, user);
    }

    public ContainerLimits withTimeLimit(Duration limit) {
        return new ContainerLimits(memoryBytes, pids, cpus, tmpBytes, outputBytes, logBytes, limit, user);
    }

    /** The submission's container: every restriction above, whatever its image asks for. */
    void applyTo(CreateContainerCmd create, HostConfig host) {
        create.withUser(user).withNetworkDisabled(true);
        host.withNetworkMode("none")
                .withPrivileged(false)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", "rw,noexec,nosuid,nodev,size=" + tmpBytes))
                .withPidsLimit(pids)
                .withMemory(memoryBytes)
                .withMemorySwap(memoryBytes)
                .withNanoCPUs((long) (cpus * 1e9))
                // stdout and stderr are read through an attach: nothing piles up on the engine's disk
                .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE));
    }

    /**
     * The holder that keeps the output volume mounted: the same restrictions, and little memory
     * or processes. Not less: runc sets a container up from inside its cgroups, so its init's Go
     * threads count against the pids limit (4 made a start fail now and then under load) and its
     * CPU share (a tenth of a CPU made every holder start 100 ms slower).
     */
    void applyToHolder(CreateContainerCmd create, HostConfig host) {
        applyTo(create, host);
        host.withMemory(32L << 20).withMemorySwap(32L << 20).withPidsLimit(32L)
                .withTmpFs(Map.of());
    }

    /**
     * The output folder's volume: a tmpfs of the cap plus one MiB, owned by the run's user. Writes
     * stop at that size; output over the cap itself is refused when read back, so an output that
     * hit the wall is told apart from one that merely came close.
     */
    Map<String, String> outputVolumeOptions() {
        String[] ids = user.split(":");
        String uid = ids[0];
        String gid = ids.length > 1 ? ids[1] : ids[0];
        return Map.of("type", "tmpfs", "device", "tmpfs",
                "o", "size=" + (outputBytes + (1L << 20)) + ",uid=" + uid + ",gid=" + gid + ",mode=0700,noexec,nosuid,nodev");
    }
}

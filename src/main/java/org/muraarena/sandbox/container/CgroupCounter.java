package org.muraarena.sandbox.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A container's CPU counter read straight from the cgroup filesystem, where this process sees the
 * engine's: cgroup v1 {@code cpuacct.usage} (nanoseconds) or v2 {@code cpu.stat}'s {@code usage_usec}.
 * Found through {@code /proc/<pid>/cgroup} of the container's first process; used only when that path
 * names the container's own cgroup (it holds the container's ID), so a worker in another PID
 * namespace, where that pid is some other process, never reads a stranger's counter.
 */
final class CgroupCounter {
    private final Path file;

    private CgroupCounter(Path file) {
        this.file = file;
    }

    /** The counter of the container {@code containerId} whose first process is {@code pid}, if this process can read it. */
    static Optional<CgroupCounter> find(long pid, String containerId, Path proc, Path cgroupRoot) {
        try {
            return locate(Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("cgroup")), containerId, cgroupRoot)
                    .filter(Files::isReadable).map(CgroupCounter::new).filter(c -> c.nanos().isPresent());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The counter file named by a {@code /proc/<pid>/cgroup} listing: the v1 cpuacct hierarchy's, else the v2 one's. */
    static Optional<Path> locate(List<String> lines, String containerId, Path cgroupRoot) {
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && List.of(f[1].split(",")).contains("cpuacct") && f[2].contains(containerId)) {
                for (String mount : List.of(f[1], "cpuacct", "cpu,cpuacct", "cpuacct,cpu")) {
                    Path file = cgroupRoot.resolve(mount).resolve(f[2].substring(1)).resolve("cpuacct.usage");
                    if (Files.exists(file)) {
                        return Optional.of(file);
                    }
                }
            }
        }
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && f[0].equals("0") && f[1].isEmpty() && f[2].contains(containerId)) {
                Path file = cgroupRoot.resolve(f[2].substring(1)).resolve("cpu.stat");
                if (Files.exists(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    /** The counter now, in nanoseconds; empty once the cgroup is gone (the container ended). */
    Optional<Long> nanos() {
        try {
            return Optional.of(parse(file.getFileName().toString(), Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code cpuacct.usage}: nanoseconds; {@code cpu.stat}: its {@code usage_usec} line, in microseconds. */
    static long parse(String fileName, String text) {
        if (fileName.equals("cpuacct.usage")) {
            return Long.parseLong(text.strip());
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("usage_usec ")) {
                return Long.parseLong(line.substring("usage_usec ".length()).strip()) * 1000;
            }
        }
        throw new IllegalArgumentException("no usage_usec in " + fileName);
    }
}

package org.muraarena.sandbox.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CPU time of a process, read from Linux's {@code /proc/<pid>/stat}: user + system time of all its
 * threads (dead ones included) plus that of the children it has waited for ({@code cutime},
 * {@code cstime}), so a descendant that ended and was reaped still counts. Readable while the
 * process lives, not after: the JVM reaps its children at once, so {@link ChildProcess} reads it
 * while the evaluator runs and just before it kills one.
 */
final class ProcessCpu {
    /**
     * The unit of those fields, USER_HZ: 100 ticks per second on every Linux architecture the JDK
     * runs on (the kernel converts to it, whatever its own HZ). Java cannot ask sysconf(_SC_CLK_TCK);
     * ProcessCpuTest checks the figure against the JDK's own reading of this process.
     */
    static final long TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;

    private ProcessCpu() {
    }

    /** The process's CPU time and its reaped children's, or empty when it is gone (or not Linux). */
    static Optional<Duration> of(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The process and every live descendant (whose own reaped children are in its figure). */
    static Duration ofTree(ProcessHandle process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process);
        return all.stream().map(p -> of(p.pid()).orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * utime + stime + cutime + cstime (fields 14 to 17) of one {@code stat} line. The command name
     * (field 2) is in parentheses and may hold spaces and parentheses itself, so fields are counted
     * from the last ')'.
     */
    static Duration parse(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state): field n is f[n - 3]
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return Duration.ofNanos(ticks * NANOS_PER_TICK);
    }
}

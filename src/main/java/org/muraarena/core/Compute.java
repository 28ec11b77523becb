package org.muraarena.core;

import java.time.Duration;

/**
 * What one evaluation cost, as its sandbox measured it (docs/DESIGN.md, "Compute accounting").
 *
 * @param cpuSeconds CPU time (user + system) of everything the submission ran: the evaluator process
 *     and its descendants for ONNX, the container's cgroup for containers
 * @param gpuSeconds wall time during which a GPU was held for the run (a CUDA session, a container
 *     given the GPUs), or null when none was
 */
public record Compute(double cpuSeconds, Double gpuSeconds) {

    public Compute {
        if (!(cpuSeconds >= 0) || gpuSeconds != null && !(gpuSeconds >= 0)) {
            throw new IllegalArgumentException("compute seconds must be finite and >= 0, got " + cpuSeconds + ", " + gpuSeconds);
        }
    }

    /** CPU time, and the wall time on a GPU when {@code gpu}; each rounded to milliseconds. */
    public static Compute of(Duration cpu, boolean gpu, Duration wall) {
        return new Compute(seconds(cpu), gpu ? seconds(wall) : null);
    }

    /** Both runs' seconds added; a GPU figure stays null only when neither had one. */
    public Compute plus(Compute other) {
        if (other == null) {
            return this;
        }
        Double gpu = gpuSeconds == null && other.gpuSeconds == null ? null
                : (gpuSeconds == null ? 0 : gpuSeconds) + (other.gpuSeconds == null ? 0 : other.gpuSeconds);
        return new Compute(cpuSeconds + other.cpuSeconds, gpu);
    }

    private static double seconds(Duration d) {
        return Math.round(Math.max(0, d.toNanos()) / 1e6) / 1e3;
    }
}

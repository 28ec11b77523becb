package org.muraarena.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.muraarena.core.Compute;

/** Checks on what a sandbox measured, and a {@code COMPUTE} line with the figures for the record. */
public final class ComputeChecks {
    private ComputeChecks() {
    }

    /**
     * A measured run used some CPU, and no more than all of this machine's cores could give it in the
     * time since {@code startedNanos} (its own wall time is shorter still); no GPU seconds without a GPU.
     */
    public static void assertPlausibleCpu(Compute compute, long startedNanos, String what) {
        double wall = (System.nanoTime() - startedNanos) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        assertNotNull(compute, what + ": nothing measured");
        System.out.printf(Locale.ROOT, "COMPUTE %s: %.3f CPU s in %.3f s wall on %d cores%n", what, compute.cpuSeconds(), wall, cores);
        assertTrue(compute.cpuSeconds() > 0, what + ": " + compute);
        assertTrue(compute.cpuSeconds() <= wall * cores, what + ": " + compute + " in " + wall + " s on " + cores + " cores");
        assertTrue(compute.gpuSeconds() == null || compute.gpuSeconds() <= wall, what + ": " + compute);
    }
}

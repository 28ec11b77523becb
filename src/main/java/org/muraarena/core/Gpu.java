package org.muraarena.core;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this host has a usable NVIDIA GPU — the one check that the worker's advertised
 * capabilities, the ONNX provider choice and the container device request all agree on.
 */
public final class Gpu {
    /**
     * The loaded NVIDIA kernel driver's version file. The folder {@code /proc/driver/nvidia} can
     * linger (or be bind-mounted empty into containers) without a working driver; the version file
     * is written only by a loaded driver, so it is the stricter and safer signal.
     */
    public static final Path DRIVER = Path.of("/proc/driver/nvidia/version");

    private Gpu() {
    }

    /** True when the NVIDIA kernel driver is loaded on this host. */
    public static boolean present() {
        return Files.exists(DRIVER);
    }
}

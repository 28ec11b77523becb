package org.muraarena.cli;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import java.util.Map;
import org.muraarena.core.ArenaConfig;

/**
 * The arena's configuration for an offline command, which runs before (and without) Quarkus: the
 * same {@link ArenaConfig} mapping, so the same defaults as the server (time limits, heap, batch,
 * container limits), and the same overrides ({@code ARENA_*} variables, {@code -Darena.*}).
 */
final class OfflineConfig {
    private OfflineConfig() {
    }

    static ArenaConfig load() {
        return load(Map.of());
    }

    /** With {@code settings} ({@code arena.*} keys) over everything else, as a caller in code wants them. */
    static ArenaConfig load(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(settings, "offline command settings", 1000))
                .addDiscoveredConverters()
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withMapping(ArenaConfig.class)
                .build();
        return config.getConfigMapping(ArenaConfig.class);
    }
}

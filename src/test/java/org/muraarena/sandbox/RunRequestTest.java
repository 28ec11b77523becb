package org.muraarena.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.muraarena.core.ManifestCodec;

class RunRequestTest {
    static final Duration SANDBOX = Duration.ofMinutes(20);

    static RunRequest limited(Optional<Duration> limit) throws Exception {
        String json = "{\"name\": \"m\", \"input\": {\"height\": 8, \"width\": 8}}";
        return new RunRequest(1, Path.of("m.onnx"), ManifestCodec.parse(json), json, Path.of("data"), "sample",
                Path.of("work"), false, limit);
    }

    @Test
    void aDryRunsShorterLimitReplacesTheSandboxes() throws Exception {
        assertEquals(Duration.ofMinutes(5), limited(Optional.of(Duration.ofMinutes(5))).timeLimitWithin(SANDBOX));
    }

    @Test
    void aPhaseLimitNeverExtendsTheSandboxes() throws Exception {
        assertEquals(SANDBOX, limited(Optional.of(Duration.ofHours(1))).timeLimitWithin(SANDBOX));
    }

    @Test
    void withoutAPhaseLimitTheSandboxesApplies() throws Exception {
        assertEquals(SANDBOX, limited(Optional.empty()).timeLimitWithin(SANDBOX));
    }
}

package org.muraarena.sandbox.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrtNativeLibrariesTest {

    @Test
    void unpacksCoreLibrariesOnceIntoAVersionedFolder(@TempDir Path cache) throws Exception {
        Path dir = OrtNativeLibraries.extract(cache, false);
        assertEquals("onnxruntime-" + OrtNativeLibraries.ortVersion(), dir.getFileName().toString());
        assertTrue(Files.size(dir.resolve("libonnxruntime.so")) > 10_000_000);
        assertTrue(Files.exists(dir.resolve("libonnxruntime4j_jni.so")));
        assertTrue(Files.exists(dir.resolve("libonnxruntime_providers_shared.so")));
        assertFalse(Files.exists(dir.resolve("libonnxruntime_providers_cuda.so")), "583 MB only on request");
        long stamp = Files.getLastModifiedTime(dir.resolve("libonnxruntime.so")).toMillis();
        assertEquals(dir, OrtNativeLibraries.extract(cache, false));
        assertEquals(stamp, Files.getLastModifiedTime(dir.resolve("libonnxruntime.so")).toMillis(), "not rewritten");
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(1, left.count(), "no staging folder left behind");
        }
    }
}

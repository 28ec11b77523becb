package org.muraarena.sandbox.onnx;

import org.muraarena.core.FileTrees;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Unpacks ONNX Runtime's native libraries once into a fixed folder and points
 * {@code onnxruntime.native.path} at it.
 *
 * <p>Why: without that property {@code ai.onnxruntime.OnnxRuntime} copies libonnxruntime.so
 * (32 MB) into a fresh /tmp/onnxruntime-java* folder on every JVM start, and the 583 MB CUDA
 * provider on every first {@code addCUDA}; the files are only deleted on a clean exit (a killed
 * JVM leaves them behind) and the empty folder is never deleted. With the property set, ORT
 * loads the core libraries from the folder and finds the providers there.
 *
 * <p>Must run before anything touches ONNX Runtime (DJL's Engine included): the property is
 * read once, when the native library is first loaded.
 */
public final class OrtNativeLibraries {
    public static final String PROPERTY = "onnxruntime.native.path";
    private static final String RESOURCES = "/ai/onnxruntime/native/linux-x64/";
    private static final String[] CORE = {
        "libonnxruntime.so", "libonnxruntime4j_jni.so", "libonnxruntime_providers_shared.so"};
    private static final String CUDA = "libonnxruntime_providers_cuda.so";
    private static final String COMPLETE = ".complete";

    private OrtNativeLibraries() {
    }

    /**
     * Ensures {@code <cacheRoot>/onnxruntime-<version>[-cuda]/} holds the libraries and returns it
     * for the evaluator processes, unless the property is already set (an operator's choice wins).
     * It does not set the property in this JVM: the server never loads ONNX Runtime itself, and a
     * JVM-wide setting would outlive a data directory that is deleted (as tests do).
     *
     * @param includeCuda also unpack the 583 MB CUDA provider; pointless without an NVIDIA
     *     driver, since it links against libcudart/libcublas 12 and fails to load anyway
     * @return the folder ONNX Runtime will load from
     */
    public static synchronized Path install(Path cacheRoot, boolean includeCuda) throws IOException {
        String preset = System.getProperty(PROPERTY);
        if (preset != null) {
            return Path.of(preset);
        }
        return extract(cacheRoot, includeCuda);
    }

    /** Extracts without touching system properties (also what the tests exercise). */
    public static Path extract(Path cacheRoot, boolean includeCuda) throws IOException {
        if (!"linux".equalsIgnoreCase(System.getProperty("os.name"))
                || !"amd64".equals(System.getProperty("os.arch"))) {
            throw new IOException("only linux-x64 is packaged here, not " + System.getProperty("os.name")
                    + "/" + System.getProperty("os.arch"));
        }
        Path dir = cacheRoot.resolve("onnxruntime-" + ortVersion() + (includeCuda ? "-cuda" : ""));
        if (Files.exists(dir.resolve(COMPLETE))) {
            return dir;
        }
        Files.createDirectories(cacheRoot);
        // Unpack into a private sibling and rename it into place, so a concurrent or killed
        // start never leaves a half-written library that a later start would trust.
        Path staging = Files.createTempDirectory(cacheRoot, ".staging-");
        try {
            List<String> names = new ArrayList<>(List.of(CORE));
            if (includeCuda) {
                names.add(CUDA);
            }
            for (String name : names) {
                try (InputStream in = OrtNativeLibraries.class.getResourceAsStream(RESOURCES + name)) {
                    if (in == null) {
                        throw new IOException("ONNX Runtime jar lacks " + RESOURCES + name
                                + " (CUDA needs com.microsoft.onnxruntime:onnxruntime_gpu)");
                    }
                    Files.copy(in, staging.resolve(name));
                }
            }
            Files.createFile(staging.resolve(COMPLETE));
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // The rename fails when another process already put its complete copy there.
                if (!Files.exists(dir.resolve(COMPLETE))) {
                    throw e;
                }
            }
        } finally {
            FileTrees.deleteRecursively(staging);
        }
        return dir;
    }

    /** The ORT jar's version, from its manifest or, failing that, its Maven pom. */
    static String ortVersion() throws IOException {
        Package p = ai.onnxruntime.OrtEnvironment.class.getPackage(); // loads no native code
        if (p != null && p.getImplementationVersion() != null) {
            return p.getImplementationVersion();
        }
        for (String artifact : new String[] {"onnxruntime_gpu", "onnxruntime"}) {
            try (InputStream in = OrtNativeLibraries.class.getResourceAsStream(
                    "/META-INF/maven/com.microsoft.onnxruntime/" + artifact + "/pom.xml")) {
                if (in != null) {
                    String pom = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    java.util.regex.Matcher m = java.util.regex.Pattern
                            .compile("<artifactId>" + artifact + "</artifactId>\\s*<version>([^<]+)</version>")
                            .matcher(pom);
                    if (m.find()) {
                        return m.group(1).trim();
                    }
                }
            }
        }
        throw new IOException("cannot tell which ONNX Runtime version is on the classpath");
    }

}

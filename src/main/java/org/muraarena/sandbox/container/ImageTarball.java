package org.muraarena.sandbox.container;

import org.muraarena.core.Hashing;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Checks a {@code docker save} tarball (gzipped or not) without loading it whole: a tar whose
 * entries all stay inside it (no absolute paths, no {@code ..}, no link pointing out, no device
 * files), a {@code manifest.json} naming exactly one image whose config and layers are there, and
 * a config for linux/amd64 that declares no volume. The image ID is {@code sha256:} + the config blob's SHA-256, as the
 * engine computes it, so it is derived from the artifact whenever needed and never stored.
 */
final class ImageTarball {
    /** Small entries are kept in memory during the one pass (manifest and config among them)... */
    private static final long KEEP_ENTRY = 1L << 20;
    /** ...up to this much in all; a config not kept is read in a second pass. */
    private static final long KEEP_TOTAL = 32L << 20;
    private static final long MAX_CONFIG = 8L << 20;
    private static final int MAX_PROBLEMS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageTarball() {
    }

    /** The image ID when there are no problems; otherwise each problem in words a team can act on. */
    record Inspection(String imageId, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    /** What one pass over the entries found. */
    private static final class Contents {
        final Set<String> files = new HashSet<>();
        final Map<String, String> links = new HashMap<>();
        final Map<String, byte[]> kept = new HashMap<>();
        final List<String> problems = new ArrayList<>();
        long keptBytes;
    }

    static Inspection inspect(Path artifact) throws IOException {
        Contents c = new Contents();
        boolean gzip = isGzip(artifact);
        try (TarArchiveInputStream tar = open(artifact, gzip)) {
            int entries = 0;
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null && c.problems.size() < MAX_PROBLEMS; ) {
                entries++;
                visit(e, tar, c);
            }
            if (entries == 0) {
                return failed("the artifact is not a tar archive" + (gzip ? " inside its gzip stream" : "")
                        + " (no entries); upload the output of 'docker save'");
            }
        } catch (IOException e) {
            return failed("the artifact is not a readable " + (gzip ? "gzipped " : "") + "tar archive (" + e.getMessage()
                    + "); upload the output of 'docker save', optionally gzipped");
        }
        if (!c.problems.isEmpty()) {
            return new Inspection(null, List.copyOf(c.problems));
        }
        return checkManifest(artifact, gzip, c);
    }

    private static void visit(TarArchiveEntry e, TarArchiveInputStream tar, Contents c) throws IOException {
        String name = normalise(e.getName());
        if (name == null) {
            c.problems.add("entry '" + e.getName() + "' leaves the archive (absolute path or '..')");
            return;
        }
        if (e.isSymbolicLink()) {
            String target = e.getLinkName();
            String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
            // docker save (25 and later) links legacy layer paths to ../blobs/sha256/...: '..' inside is fine
            String resolved = target.startsWith("/") || target.indexOf('\0') >= 0 ? null : resolveInside(parent + target);
            if (resolved == null) {
                c.problems.add("link '" + e.getName() + "' points outside the archive ('" + target + "')");
            } else {
                c.links.put(name, resolved);
            }
        } else if (e.isLink()) {
            String resolved = normalise(e.getLinkName());
            if (resolved == null) {
                c.problems.add("link '" + e.getName() + "' points outside the archive ('" + e.getLinkName() + "')");
            } else {
                c.links.put(name, resolved);
            }
        } else if (e.isFile()) {
            c.files.add(name);
            if (e.getSize() <= KEEP_ENTRY && c.keptBytes + e.getSize() <= KEEP_TOTAL) {
                c.kept.put(name, tar.readAllBytes());
                c.keptBytes += e.getSize();
            }
        } else if (!e.isDirectory()) {
            c.problems.add("entry '" + e.getName() + "' is a device, fifo or other special file");
        }
    }

    private static Inspection checkManifest(Path artifact, boolean gzip, Contents c) throws IOException {
        String manifestName = resolve("manifest.json", c);
        byte[] manifestBytes = manifestName == null ? null : c.kept.get(manifestName);
        if (manifestBytes == null) {
            return failed(manifestName == null ? "the tarball has no manifest.json: is it the output of 'docker save'?"
                    : "manifest.json is over " + (KEEP_ENTRY >> 20) + " MiB");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestBytes);
        } catch (IOException e) {
            return failed("manifest.json is not valid JSON");
        }
        if (manifest == null || !manifest.isArray()) {
            return failed("manifest.json is not a JSON array of images");
        }
        if (manifest.size() != 1) {
            return failed("the tarball holds " + manifest.size() + " images; save exactly one ('docker save IMAGE')");
        }
        JsonNode image = manifest.get(0);
        JsonNode config = image.get("Config");
        JsonNode layers = image.get("Layers");
        if (config == null || !config.isTextual() || layers == null || !layers.isArray()) {
            return failed("manifest.json's image has no Config string and Layers array");
        }
        List<String> problems = new ArrayList<>();
        String configName = resolve(config.asText(), c);
        if (configName == null) {
            return failed("the image config '" + config.asText() + "' named in manifest.json is missing from the tarball");
        }
        for (JsonNode layer : layers) {
            if (!layer.isTextual() || resolve(layer.asText(), c) == null) {
                problems.add("layer " + layer + " named in manifest.json is missing from the tarball");
            }
        }
        byte[] configBytes = c.kept.containsKey(configName) ? c.kept.get(configName) : readEntry(artifact, gzip, configName);
        if (configBytes == null) {
            return failed("the image config '" + config.asText() + "' is over " + (MAX_CONFIG >> 20) + " MiB");
        }
        JsonNode cfg;
        try {
            cfg = JSON.readTree(configBytes);
        } catch (IOException e) {
            cfg = null;
        }
        if (cfg == null || !cfg.isObject()) {
            problems.add("the image config '" + config.asText() + "' is not a JSON object");
        } else {
            String arch = cfg.path("architecture").asText("");
            String os = cfg.path("os").asText("");
            if (!arch.equals("amd64") || !os.equals("linux")) {
                problems.add("the image is for " + (os.isEmpty() ? "?" : os) + "/" + (arch.isEmpty() ? "?" : arch)
                        + "; this server runs linux/amd64 images (docker build --platform linux/amd64)");
            }
            JsonNode volumes = cfg.path("config").path("Volumes");
            if (volumes.isObject() && volumes.size() > 0) {
                // Docker gives each a writable volume of its own, past the read-only root and every size cap.
                List<String> paths = new ArrayList<>();
                volumes.fieldNames().forEachRemaining(paths::add);
                problems.add("the image declares VOLUME " + String.join(", ", paths) + "; declare none: /tmp and the"
                        + " output folder are the writable places");
            }
        }
        return problems.isEmpty() ? new Inspection("sha256:" + sha256(configBytes), List.of())
                : new Inspection(null, List.copyOf(problems));
    }

    /** A regular file's name after following links inside the archive; null when there is none. */
    private static String resolve(String name, Contents c) {
        String current = normalise(name);
        for (int hops = 0; current != null && hops < 16; hops++) {
            if (c.files.contains(current)) {
                return current;
            }
            current = c.links.get(current);
        }
        return null;
    }

    /** The second pass, for a config too large or too late to have been kept in the first. */
    private static byte[] readEntry(Path artifact, boolean gzip, String name) throws IOException {
        try (TarArchiveInputStream tar = open(artifact, gzip)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isFile() && name.equals(normalise(e.getName()))) {
                    return e.getSize() > MAX_CONFIG ? null : tar.readAllBytes();
                }
            }
        }
        return null;
    }

    /** An entry's name, {@code ./a/b/} as {@code a/b}; null when absolute or holding {@code ..} (docker save writes neither). */
    static String normalise(String name) {
        return name.startsWith("/") || name.indexOf('\0') >= 0 || List.of(name.split("/")).contains("..")
                ? null : resolveInside(name);
    }

    /** A relative path with {@code .} and {@code ..} resolved; null when it climbs above the archive's root. */
    private static String resolveInside(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                if (parts.pollLast() == null) {
                    return null;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static TarArchiveInputStream open(Path artifact, boolean gzip) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(artifact), 1 << 16);
        return new TarArchiveInputStream(gzip ? new GZIPInputStream(in, 1 << 16) : in);
    }

    private static Inspection failed(String problem) {
        return new Inspection(null, List.of(problem));
    }

    static String sha256(byte[] bytes) {
        return Hashing.sha256(bytes);
    }
}

package org.muraarena.sandbox.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload checks of {@code docker save} tarballs, offline: no engine involved. */
class ImageTarballTest {
    @TempDir
    Path dir;

    private ImageTarball.Inspection inspect(byte[] bytes) throws IOException {
        return ImageTarball.inspect(Files.write(dir.resolve("artifact"), bytes));
    }

    private static void assertRefused(ImageTarball.Inspection inspection, String expected) {
        assertNull(inspection.imageId());
        assertTrue(inspection.problems().stream().anyMatch(p -> p.contains(expected)),
                "expected a problem containing '" + expected + "', got " + inspection.problems());
    }

    @Test
    void aPlainTarballGivesTheSha256OfItsConfigAsTheImageId() throws Exception {
        ImageTarball.Inspection inspection = inspect(SaveTarballs.valid().tar());
        assertEquals(java.util.List.of(), inspection.problems());
        assertEquals("sha256:" + ImageTarball.sha256(SaveTarballs.CONFIG.getBytes(StandardCharsets.UTF_8)), inspection.imageId());
    }

    @Test
    void aGzippedTarballIsReadTheSame() throws Exception {
        assertEquals(inspect(SaveTarballs.valid().tar()).imageId(), inspect(SaveTarballs.valid().gzip()).imageId());
    }

    @Test
    void anOciLayoutWithLayerLinksIntoBlobsIsAccepted() throws Exception {
        // docker save 25+: blobs by digest, legacy layer paths as links to ../blobs/sha256/...
        String digest = ImageTarball.sha256(SaveTarballs.CONFIG.getBytes(StandardCharsets.UTF_8));
        byte[] tar = new SaveTarballs().file("blobs/sha256/" + digest, SaveTarballs.CONFIG)
                .file("blobs/sha256/aaaa", "layer bytes").symlink("abc/layer.tar", "../blobs/sha256/aaaa")
                .file("manifest.json", "[{\"Config\":\"blobs/sha256/" + digest + "\",\"Layers\":[\"abc/layer.tar\"]}]").tar();
        assertEquals("sha256:" + digest, inspect(tar).imageId());
    }

    @Test
    void randomBytesAreNotATar() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        assertRefused(inspect(noise), "not a readable tar archive");
    }

    @Test
    void gzippedTextIsNotATarEither() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write("hello, this is not an image\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        }
        assertRefused(inspect(out.toByteArray()), "tar archive");
    }

    @Test
    void anEntryClimbingOutWithDotDotIsRefused() throws Exception {
        assertRefused(inspect(SaveTarballs.valid().file("../../etc/cron.d/evil", "x").tar()), "leaves the archive");
    }

    @Test
    void anAbsoluteEntryIsRefused() throws Exception {
        assertRefused(inspect(SaveTarballs.valid().file("/etc/passwd", "x").tar()), "leaves the archive");
    }

    @Test
    void aLinkPointingOutsideIsRefused() throws Exception {
        assertRefused(inspect(SaveTarballs.valid().symlink("layer2/layer.tar", "../../../etc/shadow").tar()), "points outside");
        assertRefused(inspect(SaveTarballs.valid().symlink("layer3/layer.tar", "/etc/shadow").tar()), "points outside");
    }

    @Test
    void aTarballWithoutManifestIsRefused() throws Exception {
        assertRefused(inspect(new SaveTarballs().file("cfg.json", SaveTarballs.CONFIG).tar()), "no manifest.json");
    }

    @Test
    void aMalformedManifestIsRefused() throws Exception {
        assertRefused(inspect(new SaveTarballs().file("manifest.json", "{not json").tar()), "not valid JSON");
        assertRefused(inspect(new SaveTarballs().file("manifest.json", "{\"Config\": \"x\"}").tar()), "not a JSON array");
    }

    @Test
    void aMissingConfigIsRefused() throws Exception {
        byte[] tar = new SaveTarballs().file("layer1/layer.tar", "l")
                .file("manifest.json", "[{\"Config\":\"gone.json\",\"Layers\":[\"layer1/layer.tar\"]}]").tar();
        assertRefused(inspect(tar), "'gone.json' named in manifest.json is missing");
    }

    @Test
    void aNonAmd64ConfigIsRefused() throws Exception {
        assertRefused(inspect(SaveTarballs.withConfig(SaveTarballs.CONFIG.replace("amd64", "arm64")).tar()), "linux/arm64");
        assertRefused(inspect(SaveTarballs.withConfig(SaveTarballs.CONFIG.replace("linux", "windows")).tar()), "windows/amd64");
    }

    @Test
    void anImageDeclaringAVolumeIsRefused() throws Exception {
        String config = SaveTarballs.CONFIG.replace("\"config\":{}", "\"config\":{\"Volumes\":{\"/data\":{}}}");
        assertRefused(inspect(SaveTarballs.withConfig(config).tar()), "declares VOLUME /data");
    }

    @Test
    void twoImagesAreRefused() throws Exception {
        byte[] tar = new SaveTarballs().file("a.json", SaveTarballs.CONFIG).file("b.json", SaveTarballs.CONFIG)
                .file("manifest.json", "[{\"Config\":\"a.json\",\"Layers\":[]},{\"Config\":\"b.json\",\"Layers\":[]}]").tar();
        assertRefused(inspect(tar), "holds 2 images");
    }
}

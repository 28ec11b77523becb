package org.muraarena.sandbox.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small {@code docker save}-shaped tarballs written by the tests themselves, good and bad. */
public final class SaveTarballs {
    public static final String CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";

    private final List<Object[]> entries = new ArrayList<>();

    /** A tarball with one linux/amd64 image: its config, one layer and the manifest. */
    public static SaveTarballs valid() {
        return withConfig(CONFIG);
    }

    public static SaveTarballs withConfig(String config) {
        return new SaveTarballs().file("cfg.json", config).file("layer1/layer.tar", "not really a layer")
                .file("manifest.json", "[{\"Config\":\"cfg.json\",\"RepoTags\":[\"team/model:1\"],\"Layers\":[\"layer1/layer.tar\"]}]");
    }

    public SaveTarballs file(String name, String content) {
        entries.add(new Object[] {name, content, null});
        return this;
    }

    public SaveTarballs symlink(String name, String target) {
        entries.add(new Object[] {name, null, target});
        return this;
    }

    public byte[] tar() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
    }

    public byte[] gzip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            write(gz);
        }
        return out.toByteArray();
    }

    private void write(OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Object[] e : entries) {
            if (e[2] != null) {
                TarArchiveEntry link = new TarArchiveEntry((String) e[0], TarArchiveEntry.LF_SYMLINK);
                link.setLinkName((String) e[2]);
                tar.putArchiveEntry(link);
            } else {
                byte[] bytes = ((String) e[1]).getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry file = new TarArchiveEntry((String) e[0], true); // preserve leading '/' and '..'
                file.setSize(bytes.length);
                tar.putArchiveEntry(file);
                tar.write(bytes);
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
    }
}

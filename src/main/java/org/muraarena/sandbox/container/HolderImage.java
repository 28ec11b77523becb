package org.muraarena.sandbox.container;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The image of the "holder": a container that does nothing but stay up while a submission runs,
 * so that the run's output volume (a size-capped tmpfs) stays mounted after the submission's own
 * container exits and can be read back. A tmpfs is emptied when its last container stops, so
 * without the holder a capped output folder could not be read at all.
 *
 * <p>The image is one 129-byte static x86-64 program that calls {@code pause()} forever, written
 * here as a {@code docker save} tarball: it needs no registry, and it is run by its content-derived
 * ID, so no image a team uploads (whatever tags it carries) can take its place.
 */
final class HolderImage {
    /** {@code loop: mov eax, 34 (pause); syscall; jmp loop} */
    private static final byte[] CODE = {(byte) 0xb8, 0x22, 0, 0, 0, 0x0f, 0x05, (byte) 0xeb, (byte) 0xf7};
    private static final long BASE = 0x400000;

    static final byte[] TARBALL;
    static final String ID;

    static {
        try {
            Saved holder = saveTarball("{\"Entrypoint\":[\"/pause\"]}");
            TARBALL = holder.tarball();
            ID = holder.imageId();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A saved image and its ID. */
    record Saved(byte[] tarball, String imageId) {
    }

    /** A {@code docker save} tarball of one image: the pause program at {@code /pause} and that container config. */
    static Saved saveTarball(String containerConfig) throws IOException {
        byte[] layer = tar(new Entry("pause", elf(), 0755));
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":" + containerConfig + ","
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + ImageTarball.sha256(layer) + "\"]}}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        String configId = ImageTarball.sha256(configBytes);
        String manifest = "[{\"Config\":\"" + configId + ".json\",\"RepoTags\":null,\"Layers\":[\"layer/layer.tar\"]}]";
        return new Saved(tar(new Entry(configId + ".json", configBytes, 0644), new Entry("layer/layer.tar", layer, 0644),
                new Entry("manifest.json", manifest.getBytes(StandardCharsets.UTF_8), 0644)), "sha256:" + configId);
    }

    private HolderImage() {
    }

    /** Loads the holder image into the engine unless it is there already. */
    static void ensureLoaded(DockerEngine engine) {
        if (!engine.hasImage(ID)) {
            engine.client().loadImageCmd(new ByteArrayInputStream(TARBALL)).exec();
        }
    }

    /** A minimal ELF64 executable: one header, one loadable segment, the code right after them. */
    static byte[] elf() {
        int headers = 64 + 56;
        int size = headers + CODE.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);      // 64-bit, little-endian, SysV
        b.putShort((short) 2).putShort((short) 0x3e).putInt(1);                      // executable, x86-64
        b.putLong(BASE + headers).putLong(64).putLong(0).putInt(0);                  // entry, phoff, shoff, flags
        b.putShort((short) 64).putShort((short) 56).putShort((short) 1)              // ehsize, phentsize, phnum
                .putShort((short) 0).putShort((short) 0).putShort((short) 0);        // no sections
        b.putInt(1).putInt(5).putLong(0).putLong(BASE).putLong(BASE)                 // PT_LOAD, R+X, whole file
                .putLong(size).putLong(size).putLong(0x1000);
        b.put(CODE);
        return b.array();
    }

    private record Entry(String name, byte[] bytes, int mode) {
    }

    private static byte[] tar(Entry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Entry e : entries) {
                TarArchiveEntry te = new TarArchiveEntry(e.name());
                te.setSize(e.bytes().length);
                te.setMode(e.mode());
                te.setModTime(0);
                tar.putArchiveEntry(te);
                tar.write(e.bytes());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}

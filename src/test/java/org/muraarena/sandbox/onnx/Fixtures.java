package org.muraarena.sandbox.onnx;

import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the committed fixtures (see src/test/resources/onnx/make_fixtures.py) and a tiny protobuf writer. */
final class Fixtures {
    private Fixtures() {
    }

    static Path onnx(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/onnx/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name + "; run make_fixtures.py", e);
        }
    }

    /** A length-delimited protobuf field: tag, length, payload. */
    static byte[] field(int number, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) number << 3 | 2);
        varint(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}

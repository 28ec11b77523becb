package org.muraarena.sandbox.onnx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the protobuf wire format to walk an ONNX file without a protobuf library:
 * reads one message (a byte range of a shared buffer) field by field. Every length is checked
 * against the enclosing message so a hostile file can only produce {@link OnnxModelException},
 * never an out-of-bounds read or a huge allocation.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buf;
    private final int end;
    private int pos;
    private int tag;
    private int lenStart;
    private int lenEnd;

    ProtoReader(ByteBuffer buf, int start, int end) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() throws OnnxModelException {
        if (pos >= end) {
            return false;
        }
        long t = varint();
        if (t >>> 32 != 0 || (t >>> 3) == 0) {
            throw malformed("bad field tag " + t);
        }
        tag = (int) t;
        if (wireType() == LEN) {
            long len = varint();
            if (len < 0 || len > end - pos) {
                throw malformed("length " + len + " runs past the enclosing message");
            }
            lenStart = pos;
            lenEnd = pos + (int) len;
        }
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    /** Where the current length-delimited field's payload starts in the shared buffer. */
    int payloadStart() {
        return lenStart;
    }

    /** Where the current length-delimited field's payload ends (exclusive). */
    int payloadEnd() {
        return lenEnd;
    }

    /** The read position: after {@link #next}, where a fixed-width field's value starts. */
    int position() {
        return pos;
    }

    /** Reads a varint field's value (call only when wireType() == VARINT). */
    long readVarint() throws OnnxModelException {
        requireWire(VARINT);
        return varint();
    }

    /** Sub-reader over a length-delimited field (an embedded message). */
    ProtoReader message() throws OnnxModelException {
        requireWire(LEN);
        pos = lenEnd;
        return new ProtoReader(buf, lenStart, lenEnd);
    }

    /** A length-delimited field as UTF-8; long strings are cut so hostile names stay printable. */
    String string() throws OnnxModelException {
        requireWire(LEN);
        int n = Math.min(lenEnd - lenStart, 4096);
        byte[] bytes = new byte[n];
        buf.get(lenStart, bytes);
        pos = lenEnd;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Skips the current field whatever its type (including raw tensor bytes, never copied). */
    void skip() throws OnnxModelException {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case FIXED32 -> advance(4);
            case LEN -> pos = lenEnd;
            // Groups (3/4) are deprecated and never written by ONNX tooling: treat as corruption.
            default -> throw malformed("unsupported wire type " + wireType());
        }
    }

    private void requireWire(int expected) throws OnnxModelException {
        if (wireType() != expected) {
            throw malformed("field " + field() + " has wire type " + wireType() + ", expected " + expected);
        }
    }

    private void advance(int n) throws OnnxModelException {
        if (n > end - pos) {
            throw malformed("fixed-width field runs past the enclosing message");
        }
        pos += n;
    }

    private long varint() throws OnnxModelException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw malformed("truncated varint");
            }
            byte b = buf.get(pos++);
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    private OnnxModelException malformed(String what) {
        return new OnnxModelException(OnnxModelException.Kind.MALFORMED,
                "not a valid ONNX protobuf at byte " + pos + ": " + what);
    }
}

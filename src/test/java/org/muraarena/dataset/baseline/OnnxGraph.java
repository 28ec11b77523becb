package org.muraarena.dataset.baseline;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ONNX graphs from test code with the product's own {@link ProtoWriter} (which is why
 * it lives in this package): nodes with int, ints, float or subgraph attributes, scalar and vector
 * initializers, float/int64/bool tensor types. Field numbers are onnx.proto's. Enough for the tiny
 * contract models the tests build (input {@code image} [N,3,8,8] → {@code abnormal_prob} [N,1]),
 * so that no test needs Python or a committed binary.
 */
public final class OnnxGraph {
    /** TensorProto.DataType values. */
    public static final int FLOAT = 1;
    public static final int INT64 = 7;
    public static final int BOOL = 9;
    // AttributeProto.AttributeType values.
    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_GRAPH = 5;
    private static final int ATTR_INTS = 7;

    private final List<ProtoWriter> nodeProtos = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final String name;
    private int nodes;

    public OnnxGraph(String name) {
        this.name = name;
    }

    /** One attribute of a node. */
    public static final class Attribute {
        private final ProtoWriter proto;

        private Attribute(ProtoWriter proto) {
            this.proto = proto;
        }
    }

    public static Attribute intAttr(String name, long value) {
        return new Attribute(new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTR_INT));
    }

    public static Attribute intsAttr(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return new Attribute(a.varint(20, ATTR_INTS));
    }

    public static Attribute floatAttr(String name, float value) {
        return new Attribute(new ProtoWriter().string(1, name).fixed32(2, value).varint(20, ATTR_FLOAT));
    }

    /** A subgraph attribute, such as a Loop's {@code body}. */
    public static Attribute graphAttr(String name, OnnxGraph body) {
        return new Attribute(new ProtoWriter().string(1, name).message(6, body.graphProto()).varint(20, ATTR_GRAPH));
    }

    /** Adds a node; an empty input name is an omitted optional input. */
    public OnnxGraph node(String op, List<String> in, List<String> out, Attribute... attributes) {
        ProtoWriter node = new ProtoWriter();
        in.forEach(i -> node.string(1, i));
        out.forEach(o -> node.string(2, o));
        node.string(3, name + "_" + op + "_" + nodes++).string(4, op);
        for (Attribute a : attributes) {
            node.message(5, a.proto);
        }
        nodeProtos.add(node);
        return this;
    }

    /** A float32 initializer of shape {@code dims} (none: a scalar). */
    public OnnxGraph floats(String tensor, float[] data, long... dims) {
        return initializer(tensor, FLOAT, ProtoWriter.littleEndian(data), dims);
    }

    /**
     * A float32 initializer whose values sit in TensorProto.float_data (field 4) instead of raw_data:
     * packed (one length-delimited run, as protobuf 3 writes it) or one fixed32 field per value.
     */
    public OnnxGraph floatData(String tensor, boolean packed, float[] data, long... dims) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, FLOAT);
        if (packed) {
            t.bytes(4, ProtoWriter.littleEndian(data));
        } else {
            for (float v : data) {
                t.fixed32(4, v);
            }
        }
        initializers.add(t.string(8, tensor));
        return this;
    }

    /** A bool scalar initializer. */
    public OnnxGraph bool(String tensor, boolean value) {
        return initializer(tensor, BOOL, new byte[] {(byte) (value ? 1 : 0)});
    }

    /** A graph input; a String dimension is symbolic, no dimensions at all a scalar. */
    public OnnxGraph input(String tensor, int type, Object... dims) {
        inputs.add(valueInfo(tensor, type, dims));
        return this;
    }

    public OnnxGraph output(String tensor, int type, Object... dims) {
        outputs.add(valueInfo(tensor, type, dims));
        return this;
    }

    /** The model: IR version 7 and opset 13, like the committed tiny fixtures. */
    public byte[] model() {
        return new ProtoWriter().varint(1, 7).string(2, "mura-arena-tests").string(3, "1")
                .message(7, graphProto())
                .message(8, new ProtoWriter().string(1, "").varint(2, 13))
                .toByteArray();
    }

    /** GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12. */
    private ProtoWriter graphProto() {
        ProtoWriter g = new ProtoWriter();
        nodeProtos.forEach(n -> g.message(1, n));
        g.string(2, name);
        initializers.forEach(t -> g.message(5, t));
        inputs.forEach(i -> g.message(11, i));
        outputs.forEach(o -> g.message(12, o));
        return g;
    }

    private OnnxGraph initializer(String tensor, int type, byte[] raw, long... dims) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        initializers.add(t.varint(2, type).string(8, tensor).bytes(9, raw));
        return this;
    }

    private static ProtoWriter valueInfo(String tensor, int type, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            shape.message(1, d instanceof String param ? new ProtoWriter().string(2, param)
                    : new ProtoWriter().varint(1, ((Number) d).longValue()));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, type).message(2, shape);
        return new ProtoWriter().string(1, tensor).message(2, new ProtoWriter().message(1, tensorType));
    }
}

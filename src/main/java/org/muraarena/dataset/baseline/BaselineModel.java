package org.muraarena.dataset.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.muraarena.dataset.synth.DetectorWeights;

/**
 * The arena's baseline submission: a hand-set graph (see
 * {@link DetectorWeights}) written as an ONNX model, built here from code so that it is never
 * downloaded and always reproducible. Input {@code image} float32 [N, 1, 256, 256] in [0, 1]
 * (the harness stretches and scales per {@link #MANIFEST}); output {@code abnormal_prob} [N, 1].
 */
public final class BaselineModel {
    /** How the harness must feed it: grey, 256 x 256 stretched, divided by 255, no normalisation. */
    public static final String MANIFEST = """
            { "name": "simple-detector-baseline",
              "input": { "name": "image", "layout": "NCHW", "channels": 1, "height": 256, "width": 256,
                         "scale": 255.0, "mean": [0.0], "std": [1.0], "resize": "stretch" },
              "output": { "name": "abnormal_prob", "type": "probability", "index": 0 },
              "aggregation": "mean" }
            """;

    // ONNX enums: TensorProto.FLOAT, AttributeProto.INT and INTS.
    private static final int FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_INTS = 7;

    private BaselineModel() {
    }

    /** Writes the model to {@code file}; the same bytes every time. */
    public static void write(Path file) throws IOException {
        Files.write(file, bytes());
    }

    public static byte[] bytes() {
        return withBias(DetectorWeights.gemmBias());
    }

    /**
     * The baseline with another bias before its Sigmoid: the same detector with its decision
     * threshold moved (the tests climb the Ladder with such variants).
     */
    public static byte[] withBias(float gemmBias) {
        int size = DetectorWeights.SIZE;
        int k = DetectorWeights.KERNEL;
        ProtoWriter graph = new ProtoWriter();
        List<ProtoWriter> nodes = new ArrayList<>();
        nodes.add(node("Conv", List.of("image", "W1"), "R", intsAttr("kernel_shape", k, k)));
        nodes.add(node("Conv", List.of("R", "W2", "B2"), "H_lin"));
        nodes.add(node("Relu", List.of("H_lin"), "H"));
        nodes.add(node("Conv", List.of("H", "W3", "B3"), "F_lin"));
        nodes.add(node("Relu", List.of("F_lin"), "F"));
        int pool = DetectorWeights.POOL;
        nodes.add(node("AveragePool", List.of("F"), "A", intsAttr("kernel_shape", pool, pool), intsAttr("strides", pool, pool)));
        nodes.add(node("GlobalMaxPool", List.of("A"), "P"));
        nodes.add(node("Flatten", List.of("P"), "P_flat", intAttr("axis", 1)));
        nodes.add(node("Gemm", List.of("P_flat", "G", "GB"), "Z"));
        nodes.add(node("Sigmoid", List.of("Z"), "abnormal_prob"));
        for (ProtoWriter node : nodes) {
            graph.message(1, node);
        }
        graph.string(2, "simple_detector");

        float[][][] w1 = DetectorWeights.conv1();
        float[][] w2 = DetectorWeights.conv2();
        float[][] w3 = DetectorWeights.conv3();
        graph.message(5, tensor("W1", flatten(w1), w1.length, 1, k, k));
        graph.message(5, tensor("W2", flatten(w2), w2.length, w2[0].length, 1, 1));
        graph.message(5, tensor("B2", DetectorWeights.conv2Bias(), w2.length));
        graph.message(5, tensor("W3", flatten(w3), w3.length, w3[0].length, 1, 1));
        graph.message(5, tensor("B3", DetectorWeights.conv3Bias(), w3.length));
        float[] gemm = DetectorWeights.gemm();
        graph.message(5, tensor("G", gemm, gemm.length, 1));
        graph.message(5, tensor("GB", new float[] {gemmBias}, 1));

        graph.message(11, valueInfo("image", "N", 1, size, size));
        graph.message(12, valueInfo("abnormal_prob", "N", 1));

        return new ProtoWriter()
                .varint(1, 8) // IR version 8: understood by ONNX Runtime 1.10 and later
                .string(2, "mura-arena")
                .string(3, "1")
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 13))
                .toByteArray();
    }

    private static ProtoWriter node(String op, List<String> inputs, String output, ProtoWriter... attributes) {
        ProtoWriter node = new ProtoWriter();
        inputs.forEach(i -> node.string(1, i));
        node.string(2, output).string(3, output + "_" + op).string(4, op);
        for (ProtoWriter attribute : attributes) {
            node.message(5, attribute);
        }
        return node;
    }

    private static ProtoWriter intsAttr(String name, long... values) {
        ProtoWriter attr = new ProtoWriter().string(1, name);
        for (long v : values) {
            attr.varint(8, v);
        }
        return attr.varint(20, ATTR_INTS);
    }

    private static ProtoWriter intAttr(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTR_INT);
    }

    private static ProtoWriter tensor(String name, float[] values, long... dims) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, FLOAT).string(8, name).bytes(9, ProtoWriter.littleEndian(values));
    }

    /** A float32 tensor type; a String dimension is symbolic (the dynamic batch). */
    private static ProtoWriter valueInfo(String name, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            shape.message(1, d instanceof String param ? new ProtoWriter().string(2, param)
                    : new ProtoWriter().varint(1, ((Number) d).longValue()));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    private static float[] flatten(float[][][] w) {
        List<float[]> rows = new ArrayList<>();
        for (float[][] plane : w) {
            for (float[] row : plane) {
                rows.add(row);
            }
        }
        return concat(rows);
    }

    private static float[] flatten(float[][] w) {
        return concat(List.of(w));
    }

    private static float[] concat(List<float[]> rows) {
        int n = rows.stream().mapToInt(r -> r.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] r : rows) {
            System.arraycopy(r, 0, out, at, r.length);
            at += r.length;
        }
        return out;
    }
}

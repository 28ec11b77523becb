package org.muraarena.sandbox.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The model-randomisation test of Adebayo et al. 2018 ("Sanity checks for saliency maps"), last
 * layer only: turns (a copy of) an ONNX model into one whose last layer's weights are seeded random
 * values, written over the old ones in place (same byte length, so no protobuf length changes).
 * It works on any ByteBuffer, so the child can randomise a memory-mapped copy of the file without
 * holding the model on its heap (a 2 GB model next to a 2 GB heap).
 *
 * <p>The last layer is found walking back from the graph outputs, nearest node first: the first
 * Gemm, MatMul, Conv or ConvTranspose that takes a float32 initializer; failing that, the first
 * node of any kind that takes one (a scalar counts: a Mul by a learnt scale is a layer too). All
 * its float32 initializer inputs (weight and bias) are redrawn from N(0, rms), rms being each
 * tensor's own root mean square (for an all-zero tensor, the largest rms among the node's others,
 * else 1), so logits keep their magnitude and the output does not simply saturate. Weights given
 * as Constant nodes, in subgraphs or in other types (float16, double) are not looked at.
 */
final class LastLayerRandomiser {
    /** Fixed so that a model's check gives the same answer every time. */
    static final long SEED = 20181203L;
    private static final Set<String> WEIGHT_OPS = Set.of("Gemm", "MatMul", "Conv", "ConvTranspose");
    private static final int FLOAT = 1;

    /** What was randomised: {@code layer} names the node (op and name), {@code tensors} what was redrawn. */
    record Result(String layer, List<String> tensors, long values) {
    }

    private record Node(String name, String op, List<String> inputs, List<String> outputs) {
    }

    /** Where one float tensor's values lie in the file: runs of {@code count} floats from {@code offset}. */
    private record FloatTensor(String name, List<int[]> runs) {
        int size() {
            return runs.stream().mapToInt(r -> r[1]).sum();
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, FloatTensor> initializers = new LinkedHashMap<>();
    private final List<String> graphOutputs = new ArrayList<>();

    private LastLayerRandomiser() {
    }

    /**
     * Randomises the last layer of the serialized model in {@code model} (from 0 to its limit) in
     * place; empty, and nothing written, when no node takes a float initializer.
     */
    static Optional<Result> randomise(ByteBuffer model, long seed) throws OnnxModelException {
        LastLayerRandomiser r = new LastLayerRandomiser();
        ProtoReader top = new ProtoReader(model, 0, model.limit());
        while (top.next()) {
            if (top.field() == 7) {
                r.graph(top.message());
            } else {
                top.skip();
            }
        }
        Node layer = r.lastLayer();
        if (layer == null) {
            return Optional.empty();
        }
        List<FloatTensor> tensors = layer.inputs().stream().distinct().map(r.initializers::get)
                .filter(t -> t != null && t.size() > 0).toList();
        ByteBuffer out = model.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        double fallback = 1;
        double largest = tensors.stream().mapToDouble(t -> rms(out, t)).max().orElse(0);
        if (largest > 0) {
            fallback = largest;
        }
        SplittableRandom random = new SplittableRandom(seed);
        long values = 0;
        for (FloatTensor t : tensors) {
            double rms = rms(out, t);
            double sd = rms > 0 ? rms : fallback;
            for (int[] run : t.runs()) {
                for (int k = 0; k < run[1]; k++) {
                    out.putFloat(run[0] + 4 * k, (float) (sd * gaussian(random)));
                }
            }
            values += t.size();
        }
        return Optional.of(new Result(layer.op() + " " + layer.name(),
                tensors.stream().map(FloatTensor::name).toList(), values));
    }

    /** Nearest node to the outputs taking a float initializer, weight layers first. */
    private Node lastLayer() {
        Map<String, Node> producer = new HashMap<>();
        nodes.forEach(n -> n.outputs().forEach(o -> producer.put(o, n)));
        List<Node> order = new ArrayList<>();
        Set<Node> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(graphOutputs);
        while (!queue.isEmpty()) {
            Node n = producer.get(queue.poll());
            if (n != null && seen.add(n)) {
                order.add(n);
                queue.addAll(n.inputs());
            }
        }
        for (boolean weightsOnly : new boolean[] {true, false}) {
            for (Node n : order) {
                boolean takesFloats = n.inputs().stream().map(initializers::get).anyMatch(t -> t != null && t.size() > 0);
                if (takesFloats && (!weightsOnly || WEIGHT_OPS.contains(n.op()))) {
                    return n;
                }
            }
        }
        return null;
    }

    private void graph(ProtoReader g) throws OnnxModelException {
        while (g.next()) {
            switch (g.field()) {
                case 1 -> node(g.message());
                case 5 -> tensor(g.message());
                case 12 -> {
                    ProtoReader v = g.message();
                    while (v.next()) {
                        if (v.field() == 1) {
                            graphOutputs.add(v.string());
                        } else {
                            v.skip();
                        }
                    }
                }
                default -> g.skip();
            }
        }
    }

    private void node(ProtoReader n) throws OnnxModelException {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        String name = "";
        String op = "";
        while (n.next()) {
            switch (n.field()) {
                case 1 -> in.add(n.string());
                case 2 -> out.add(n.string());
                case 3 -> name = n.string();
                case 4 -> op = n.string();
                default -> n.skip();
            }
        }
        nodes.add(new Node(name, op, in, out));
    }

    /** TensorProto: data_type = 2, float_data = 4 (packed or not), name = 8, raw_data = 9. */
    private void tensor(ProtoReader t) throws OnnxModelException {
        String name = "";
        long type = 0;
        List<int[]> runs = new ArrayList<>();
        while (t.next()) {
            switch (t.field()) {
                case 2 -> type = t.readVarint();
                case 8 -> name = t.string();
                case 4, 9 -> {
                    if (t.wireType() == ProtoReader.LEN) {
                        runs.add(new int[] {t.payloadStart(), (t.payloadEnd() - t.payloadStart()) / 4});
                    } else if (t.wireType() == ProtoReader.FIXED32) {
                        runs.add(new int[] {t.position(), 1});
                    }
                    t.skip();
                }
                default -> t.skip();
            }
        }
        if (type == FLOAT) {
            initializers.put(name, new FloatTensor(name, runs));
        }
    }

    private static double rms(ByteBuffer buf, FloatTensor t) {
        double sum = 0;
        for (int[] run : t.runs()) {
            for (int k = 0; k < run[1]; k++) {
                double v = buf.getFloat(run[0] + 4 * k);
                sum += v * v;
            }
        }
        return Double.isFinite(sum) ? Math.sqrt(sum / t.size()) : 1;
    }

    /** Box–Muller from two uniform draws, so the values depend on the seed alone (not on a JDK's Gaussian). */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble(); // (0, 1]
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}

package org.muraarena.sandbox.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX file's structure (onnx.proto field numbers) BEFORE any of it reaches native
 * code: finds every tensor with external data (initializers, sparse initializers, Constant-like
 * attribute tensors, If/Loop/Scan subgraphs at any depth, training graphs, functions) and the
 * top graph's input/output shapes. Tensor payloads are skipped by length, never copied.
 */
public final class OnnxModelScanner {
    /** Deeper nesting is refused rather than recursed into, so hostile files cannot overflow the stack. */
    private static final int MAX_DEPTH = 64;

    private long irVersion;
    private final Map<String, Long> opsets = new LinkedHashMap<>();
    private final List<OnnxModelInfo.TensorSpec> inputs = new ArrayList<>();
    private final List<OnnxModelInfo.TensorSpec> outputs = new ArrayList<>();
    private final Set<String> initializerNames = new HashSet<>();
    private final List<OnnxModelInfo.ExternalDataRef> external = new ArrayList<>();
    private boolean sawGraph;

    private OnnxModelScanner() {
    }

    /** Scans a file through a read-only mapping (no heap copy of the weights). */
    public static OnnxModelInfo scan(Path file) throws IOException, OnnxModelException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                // protobuf itself caps a message at 2 GiB; bigger files need external data anyway.
                throw new OnnxModelException(OnnxModelException.Kind.MALFORMED, "file larger than 2 GiB");
            }
            return scan(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
        }
    }

    /** Scans serialized ModelProto bytes from position 0 to limit. */
    public static OnnxModelInfo scan(ByteBuffer model) throws OnnxModelException {
        OnnxModelScanner s = new OnnxModelScanner();
        s.model(new ProtoReader(model, 0, model.limit()));
        if (!s.sawGraph || s.outputs.isEmpty()) {
            throw new OnnxModelException(OnnxModelException.Kind.MALFORMED, "no graph with outputs: not an ONNX model");
        }
        // IR < 4 lists initializers among graph inputs; they are weights, not something we feed.
        List<OnnxModelInfo.TensorSpec> fed = s.inputs.stream()
                .filter(t -> !s.initializerNames.contains(t.name())).toList();
        return new OnnxModelInfo(s.irVersion, Map.copyOf(s.opsets), fed, List.copyOf(s.outputs),
                List.copyOf(s.external));
    }

    private void model(ProtoReader r) throws OnnxModelException {
        while (r.next()) {
            switch (r.field()) {
                case 1 -> irVersion = r.readVarint();
                case 7 -> graph(r.message(), 0, "graph", true);
                case 8 -> opset(r.message());
                case 20 -> trainingInfo(r.message());
                case 25 -> function(r.message());
                default -> r.skip();
            }
        }
    }

    private void opset(ProtoReader r) throws OnnxModelException {
        String domain = "";
        long version = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> domain = r.string();
                case 2 -> version = r.readVarint();
                default -> r.skip();
            }
        }
        opsets.put(domain.isEmpty() ? "ai.onnx" : domain, version);
    }

    private void trainingInfo(ProtoReader r) throws OnnxModelException {
        while (r.next()) {
            if (r.field() == 1 || r.field() == 2) { // initialization, algorithm
                graph(r.message(), 1, "training_info", false);
            } else {
                r.skip();
            }
        }
    }

    private void function(ProtoReader r) throws OnnxModelException {
        while (r.next()) {
            switch (r.field()) {
                case 7 -> node(r.message(), 1, "function");
                case 11 -> attribute(r.message(), 1, "function/attribute_proto");
                default -> r.skip();
            }
        }
    }

    private void graph(ProtoReader r, int depth, String where, boolean top) throws OnnxModelException {
        if (depth > MAX_DEPTH) {
            throw new OnnxModelException(OnnxModelException.Kind.MALFORMED, "graphs nested deeper than " + MAX_DEPTH);
        }
        sawGraph |= top;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> node(r.message(), depth, where);
                case 5 -> {
                    String name = tensor(r.message(), where + "/initializer");
                    if (top) {
                        initializerNames.add(name);
                    }
                }
                case 15 -> sparseTensor(r.message(), where + "/sparse_initializer");
                case 11 -> valueInfo(r.message(), top ? inputs : null);
                case 12 -> valueInfo(r.message(), top ? outputs : null);
                default -> r.skip();
            }
        }
    }

    private void node(ProtoReader r, int depth, String where) throws OnnxModelException {
        List<ProtoReader> attributes = new ArrayList<>();
        String name = "";
        while (r.next()) {
            switch (r.field()) {
                case 3 -> name = r.string();
                case 5 -> attributes.add(r.message());
                default -> r.skip();
            }
        }
        for (ProtoReader a : attributes) {
            attribute(a, depth + 1, where + "/node[" + name + "]");
        }
    }

    private void attribute(ProtoReader r, int depth, String where) throws OnnxModelException {
        while (r.next()) {
            switch (r.field()) {
                case 5, 10 -> tensor(r.message(), where + "/tensor"); // t, tensors
                case 6, 11 -> graph(r.message(), depth, where + "/graph", false); // g, graphs
                case 22, 23 -> sparseTensor(r.message(), where + "/sparse_tensor");
                default -> r.skip();
            }
        }
    }

    private void sparseTensor(ProtoReader r, String where) throws OnnxModelException {
        while (r.next()) {
            if (r.field() == 1 || r.field() == 2) { // values, indices
                tensor(r.message(), where);
            } else {
                r.skip();
            }
        }
    }

    /** Records the tensor if it is external; returns its name. */
    private String tensor(ProtoReader r, String where) throws OnnxModelException {
        String name = "";
        String location = null;
        boolean external = false;
        while (r.next()) {
            switch (r.field()) {
                case 8 -> name = r.string();
                case 14 -> external |= r.readVarint() == 1; // DataLocation.EXTERNAL
                case 13 -> {
                    external = true; // any external_data entry counts, even without data_location
                    String[] kv = stringEntry(r.message());
                    if ("location".equals(kv[0])) {
                        location = kv[1];
                    }
                }
                default -> r.skip();
            }
        }
        if (external) {
            this.external.add(new OnnxModelInfo.ExternalDataRef(name, location, where));
        }
        return name;
    }

    private static String[] stringEntry(ProtoReader r) throws OnnxModelException {
        String[] kv = new String[2];
        while (r.next()) {
            if (r.field() == 1 || r.field() == 2) {
                kv[r.field() - 1] = r.string();
            } else {
                r.skip();
            }
        }
        return kv;
    }

    private void valueInfo(ProtoReader r, List<OnnxModelInfo.TensorSpec> into) throws OnnxModelException {
        String name = "";
        OnnxModelInfo.TensorSpec type = null;
        while (r.next()) {
            if (r.field() == 1) {
                name = r.string();
            } else if (r.field() == 2 && into != null) {
                type = tensorType(r.message());
            } else {
                r.skip();
            }
        }
        if (into != null) {
            into.add(type == null ? new OnnxModelInfo.TensorSpec(name, -1, null, null)
                    : new OnnxModelInfo.TensorSpec(name, type.elemType(), type.dims(), type.dimParams()));
        }
    }

    /** TypeProto.tensor_type as a nameless spec; sequences and maps come back as elemType -1. */
    private static OnnxModelInfo.TensorSpec tensorType(ProtoReader type) throws OnnxModelException {
        int elemType = -1;
        List<Long> dims = null;
        List<String> params = null;
        while (type.next()) {
            if (type.field() != 1) {
                type.skip();
                continue;
            }
            ProtoReader tensor = type.message();
            while (tensor.next()) {
                if (tensor.field() == 1) {
                    elemType = (int) tensor.readVarint();
                } else if (tensor.field() == 2) {
                    dims = new ArrayList<>();
                    params = new ArrayList<>();
                    ProtoReader shape = tensor.message();
                    while (shape.next()) {
                        if (shape.field() == 1) {
                            dimension(shape.message(), dims, params);
                        } else {
                            shape.skip();
                        }
                    }
                } else {
                    tensor.skip();
                }
            }
        }
        return new OnnxModelInfo.TensorSpec("", elemType,
                dims == null ? null : dims.stream().mapToLong(Long::longValue).toArray(),
                params == null ? null : params.toArray(String[]::new));
    }

    private static void dimension(ProtoReader r, List<Long> dims, List<String> params) throws OnnxModelException {
        long value = -1;
        String param = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> value = r.readVarint();
                case 2 -> param = r.string();
                default -> r.skip();
            }
        }
        dims.add(value);
        params.add(param);
    }
}

package org.muraarena.sandbox.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link OnnxModelScanner} learned from a model file without running it: graph inputs
 * (initializers excluded) and outputs with their declared shapes, opset imports, and every
 * tensor whose data lives outside the file.
 */
public record OnnxModelInfo(long irVersion, Map<String, Long> opsets, List<TensorSpec> inputs,
        List<TensorSpec> outputs, List<ExternalDataRef> externalData) {

    /** ONNX TensorProto.DataType FLOAT. */
    public static final int FLOAT = 1;

    /**
     * A graph input or output. {@code dims} holds -1 for a symbolic or unset dimension and is
     * null when the rank itself is undeclared; {@code elemType} is -1 for non-tensor values.
     */
    public record TensorSpec(String name, int elemType, long[] dims, String[] dimParams) {
        public int rank() {
            return dims == null ? -1 : dims.length;
        }

        @Override
        public String toString() {
            String shape = dims == null ? "?" : Arrays.stream(dims)
                    .mapToObj(d -> d < 0 ? "N" : Long.toString(d)).collect(Collectors.joining(",", "[", "]"));
            return name + ":" + (elemType == FLOAT ? "float32" : "type" + elemType) + shape;
        }
    }

    /**
     * A tensor stored outside the model. {@code location} is null when the tensor is marked
     * EXTERNAL without saying where; {@code where} is a readable path such as
     * {@code graph/node[If_0]/then_branch/initializer}.
     */
    public record ExternalDataRef(String tensorName, String location, String where) {
    }

    /**
     * Refuses any external data at all. Relative locations inside the model folder are refused
     * too: ONNX Runtime 1.21 (what DJL 0.38 pulls by default) follows "../" and symlinks, and
     * a submission is one self-contained file anyway.
     */
    public void requireNoExternalData() throws OnnxModelException {
        if (!externalData.isEmpty()) {
            throw new OnnxModelException(OnnxModelException.Kind.UNSAFE,
                    "model references tensor data outside the file: " + externalData);
        }
    }

    /**
     * Checks the arena contract with the default feed: NCHW, the only input, the first output,
     * one value per image ([N] or [N,1], or [N,K] read at index 0).
     */
    public void requireImageClassifier(long channels, long height, long width) throws OnnxModelException {
        requireImageInput(null, false, channels, height, width);
        requireScoreOutput(null, 0);
    }

    /**
     * The input the arena feeds: exactly one float32 rank-4 input (named {@code name} when not
     * null) laid out [N,C,H,W] or, with {@code channelsLast}, [N,H,W,C], whose C, H, W are
     * symbolic or equal to the manifest's and whose batch dimension is symbolic or 1. A second
     * input could never be fed, so it is refused rather than left for ONNX Runtime to reject.
     */
    public TensorSpec requireImageInput(String name, boolean channelsLast, long channels, long height, long width)
            throws OnnxModelException {
        if (inputs.size() != 1) {
            throw incompatible("expected exactly one input, model has " + inputs);
        }
        TensorSpec in = inputs.get(0);
        if (name != null && !name.equals(in.name())) {
            throw incompatible("manifest names input '" + name + "', model has " + in);
        }
        String layout = channelsLast ? "[N,H,W,C]" : "[N,C,H,W]";
        if (in.elemType() != FLOAT || in.rank() != 4) {
            throw incompatible("input must be float32 rank 4 " + layout + ", model has " + in);
        }
        long[] want = channelsLast ? new long[] {height, width, channels} : new long[] {channels, height, width};
        for (int i = 0; i < 3; i++) {
            long d = in.dims()[i + 1];
            if (d >= 0 && d != want[i]) {
                throw incompatible("input " + in + " does not match manifest " + layout + " = [N,"
                        + want[0] + "," + want[1] + "," + want[2] + "]");
            }
        }
        if (in.dims()[0] >= 0 && in.dims()[0] != 1) {
            throw incompatible("batch dimension must be dynamic or 1, model has " + in);
        }
        return in;
    }

    /**
     * The output holding the abnormality score: the one named {@code name}, or the first; float32
     * of rank 1 ([N]) or 2 ([N,K]) with {@code index} < K where K is declared. An undeclared
     * shape is accepted here and checked on the first batch.
     */
    public TensorSpec requireScoreOutput(String name, int index) throws OnnxModelException {
        TensorSpec out = name == null ? (outputs.isEmpty() ? null : outputs.get(0))
                : outputs.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
        if (out == null) {
            throw incompatible("manifest names output '" + name + "', model has " + outputs);
        }
        if (out.elemType() != FLOAT) {
            throw incompatible("output must be float32, model has " + out);
        }
        long[] d = out.dims();
        if (d != null && (d.length < 1 || d.length > 2)) {
            throw incompatible("output must be [N], [N,1] or [N,K], model has " + out);
        }
        long k = d == null || d.length == 1 ? 1 : d[1];
        if (d != null && k >= 0 && index >= k) {
            throw incompatible("output.index " + index + " is out of range for " + out);
        }
        return out;
    }

    /** True when the batch dimension can take any size (otherwise the model only accepts 1). */
    public boolean dynamicBatch() {
        return !inputs.isEmpty() && inputs.get(0).rank() > 0 && inputs.get(0).dims()[0] < 0;
    }

    private static OnnxModelException incompatible(String message) {
        return new OnnxModelException(OnnxModelException.Kind.INCOMPATIBLE, message);
    }
}

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
     * Checks the arena contract: exactly one float32 rank-4 NCHW input whose C, H, W are either
     * symbolic or equal to the manifest's and whose batch dimension is symbolic or 1, and a
     * float32 first output with one value per image.
     */
    public void requireImageClassifier(long channels, long height, long width) throws OnnxModelException {
        if (inputs.size() != 1) {
            throw incompatible("expected exactly one input, model has " + inputs);
        }
        TensorSpec in = inputs.get(0);
        if (in.elemType() != FLOAT || in.rank() != 4) {
            throw incompatible("input must be float32 rank 4 [N,C,H,W], model has " + in);
        }
        long[] want = {channels, height, width};
        for (int i = 0; i < 3; i++) {
            long d = in.dims()[i + 1];
            if (d >= 0 && d != want[i]) {
                throw incompatible("input " + in + " does not match manifest [N," + channels + ","
                        + height + "," + width + "]");
            }
        }
        if (in.dims()[0] >= 0 && in.dims()[0] != 1) {
            throw incompatible("batch dimension must be dynamic or 1, model has " + in);
        }
        if (outputs.isEmpty() || outputs.get(0).elemType() != FLOAT) {
            throw incompatible("first output must be float32, model has " + outputs);
        }
        long[] out = outputs.get(0).dims();
        if (out != null && (out.length > 2 || (out.length == 2 && out[1] > 1))) {
            throw incompatible("first output must be [N] or [N,1], model has " + outputs.get(0));
        }
    }

    /** True when the batch dimension can take any size (otherwise the model only accepts 1). */
    public boolean dynamicBatch() {
        return !inputs.isEmpty() && inputs.get(0).rank() > 0 && inputs.get(0).dims()[0] < 0;
    }

    private static OnnxModelException incompatible(String message) {
        return new OnnxModelException(OnnxModelException.Kind.INCOMPATIBLE, message);
    }
}

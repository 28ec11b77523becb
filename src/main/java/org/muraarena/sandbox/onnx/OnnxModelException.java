package org.muraarena.sandbox.onnx;

/**
 * Every way a submitted ONNX model can be refused or fail, tagged with a {@link Kind} so the
 * caller can map it to a submission status without parsing messages.
 */
public final class OnnxModelException extends Exception {

    /** Why the model was refused or failed. */
    public enum Kind {
        /** Not a parseable ONNX protobuf (corrupt, truncated, not ONNX at all). */
        MALFORMED,
        /** Parseable but dangerous, e.g. tensor data stored outside the model file. */
        UNSAFE,
        /** Valid ONNX whose inputs/outputs do not match what the arena feeds or expects. */
        INCOMPATIBLE,
        /** CUDA was required but cannot be used on this host. */
        CUDA_UNAVAILABLE,
        /** ONNX Runtime refused to build a session (unknown op, bad graph, bad opset...). */
        LOAD_FAILED,
        /** ONNX Runtime failed while running the graph. */
        INFERENCE_FAILED,
        /** The graph ran but produced NaN or infinite scores. */
        NON_FINITE_OUTPUT
    }

    private static final long serialVersionUID = 1L;
    private final Kind kind;

    public OnnxModelException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OnnxModelException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String getMessage() {
        return kind + ": " + super.getMessage();
    }
}

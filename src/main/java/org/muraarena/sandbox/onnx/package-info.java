/**
 * Prototype: scoring submitted ONNX models with DJL 0.38 on ONNX Runtime's GPU build, offline.
 *
 * <p>Dependencies (pom.xml): {@code ai.djl:api:0.38.0}; {@code
 * ai.djl.onnxruntime:onnxruntime-engine:0.38.0} excluding {@code
 * com.microsoft.onnxruntime:onnxruntime} (it pulls the CPU jar 1.21.1, whose classes clash with
 * the GPU jar's); {@code com.microsoft.onnxruntime:onnxruntime_gpu:1.29.0} (642 MB; Linux and
 * Windows natives, CUDA 12 + cuDNN 9 expected on the host, not shipped); {@code
 * net.java.dev.jna:jna:5.18.1} pinned in dependencyManagement.
 *
 * <p>System properties: {@code ai.djl.offline=true} before DJL's Engine class loads (otherwise it
 * queries the EC2 metadata address for telemetry; {@link org.muraarena.sandbox.onnx.OnnxEvaluator}
 * sets it if unset); {@code onnxruntime.native.path=DIR} to load natives from a fixed folder
 * ({@link org.muraarena.sandbox.onnx.OrtNativeLibraries} fills and sets it).
 *
 * <p>Order: {@link org.muraarena.sandbox.onnx.OnnxModelScanner} (pure Java, refuses external data
 * and checks shapes) runs before anything native sees a file; then
 * {@link org.muraarena.sandbox.onnx.OnnxEvaluator} builds the session. A model can still hang
 * (DJL exposes no ORT RunOptions to terminate a run) or exhaust memory, so crash isolation
 * needs a separate process with a deadline.
 *
 * <p>Sandbox: {@link org.muraarena.sandbox.onnx.OnnxSandbox} (the {@code Sandbox} bean) starts
 * {@link org.muraarena.sandbox.onnx.EvaluateOnnxCommand} ({@code evaluate-onnx}) in a child JVM
 * through {@link org.muraarena.sandbox.onnx.ChildProcess} (deadline, cancellation, process-tree
 * kill, bounded log) and validates its CSV. Inside the child,
 * {@link org.muraarena.sandbox.onnx.ImageScorer} runs {@link org.muraarena.sandbox.onnx.BatchPipeline}
 * (decoding and {@link org.muraarena.sandbox.onnx.ImagePreprocessor} on background threads) against
 * the evaluator and reads probabilities with {@link org.muraarena.sandbox.onnx.ScoreReader}.
 * {@link org.muraarena.sandbox.onnx.BenchCommand} ({@code bench}) measures that same pipeline.
 * For dry runs the child can then explain the run ({@link org.muraarena.sandbox.onnx.Explainer}):
 * occlusion maps ({@link org.muraarena.sandbox.onnx.OcclusionMap}) of the studies
 * {@link org.muraarena.sandbox.ExplanationPicks} chooses, drawn by
 * {@link org.muraarena.sandbox.onnx.OcclusionImages}, and a last-layer randomisation check
 * ({@link org.muraarena.sandbox.onnx.LastLayerRandomiser}, {@link org.muraarena.sandbox.onnx.SanityCheck}).
 */
package org.muraarena.sandbox.onnx;

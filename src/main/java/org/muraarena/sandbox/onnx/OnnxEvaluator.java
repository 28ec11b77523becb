package org.muraarena.sandbox.onnx;

import org.muraarena.core.Gpu;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs one submitted ONNX image classifier through DJL's OnnxRuntime engine: scans the file
 * first (external data, input/output contract), then builds the session on CUDA when it can and
 * on CPU otherwise, and records which {@link Provider} it got.
 *
 * <p>Not a Criteria/ModelZoo load on purpose: DJL's model loader merges a {@code
 * serving.properties} found next to the model into the session options, and its
 * {@code option.customOpLibrary} makes ONNX Runtime dlopen any .so the submitter names.
 * {@link Model#load(Path, String, Map)} on the file itself reads nothing else.
 *
 * <p>{@link #predict} is synchronized: one evaluator is one ORT session and one staging buffer.
 */
public final class OnnxEvaluator implements AutoCloseable {
    static {
        // DJL's Engine class, when first initialised, asks the EC2 metadata service (169.254.169.254)
        // for telemetry unless offline; the arena must never make that call.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /** The execution provider the session was built with. */
    public enum Provider { CUDA, CPU }

    /** What to try: AUTO falls back to CPU (recording why); CUDA_REQUIRED fails instead. */
    public enum Acceleration { AUTO, CUDA_REQUIRED, CPU_ONLY }

    /**
     * @param channels,height,width the manifest's image tensor (what the arena feeds)
     * @param intraOpThreads ORT threads inside one operator (the CPU work); inter-op stays 1
     * @param batchSize images per run; a model with a fixed batch of 1 is run one by one
     * @param spinning let idle intra-op threads busy-wait for work (ORT's default); off here
     */
    public record Options(int channels, int height, int width, int intraOpThreads, int batchSize,
            Acceleration acceleration, int gpuDevice, Feed feed, boolean spinning) {
        public Options {
            if (channels < 1 || height < 1 || width < 1 || intraOpThreads < 1 || batchSize < 1 || gpuDevice < 0
                    || feed == null || feed.outputIndex() < 0) {
                throw new IllegalArgumentException("bad evaluator options " + this);
            }
        }

        /** Two threads, batch 8, CUDA if possible: the figures measured on the arena's 2-core hosts. */
        public static Options of(int channels, int height, int width) {
            return new Options(channels, height, width, 2, 8, Acceleration.AUTO, 0, Feed.DEFAULT, false);
        }

        public Options withThreads(int n) {
            return new Options(channels, height, width, n, batchSize, acceleration, gpuDevice, feed, spinning);
        }

        public Options withBatchSize(int n) {
            return new Options(channels, height, width, intraOpThreads, n, acceleration, gpuDevice, feed, spinning);
        }

        public Options withAcceleration(Acceleration a) {
            return new Options(channels, height, width, intraOpThreads, batchSize, a, gpuDevice, feed, spinning);
        }

        public Options withSpinning(boolean on) {
            return new Options(channels, height, width, intraOpThreads, batchSize, acceleration, gpuDevice, feed, on);
        }

        public Options withFeed(Feed f) {
            return new Options(channels, height, width, intraOpThreads, batchSize, acceleration, gpuDevice, f, spinning);
        }
    }

    /**
     * How the manifest wires images to the graph: NHWC instead of NCHW ({@code channelsLast}),
     * the input and output to use (null: the only input, the first output) and the element of
     * each image's output row that {@link #predict} returns.
     */
    public record Feed(boolean channelsLast, String inputName, String outputName, int outputIndex) {
        public static final Feed DEFAULT = new Feed(false, null, null, 0);
    }


    private static boolean cpuPinned;

    private final OnnxModelInfo info;
    private final Options options;
    private final Provider provider;
    private final String cudaProblem;
    private final int batchSize;
    private final OrtSession.SessionOptions sessionOptions;
    private final Model model;
    private final Predictor<NDList, NDList> predictor;
    private final FloatBuffer staging;
    private final String inputName;
    private final String outputName;

    private OnnxEvaluator(OnnxModelInfo info, Options options, Provider provider, String cudaProblem,
            OrtSession.SessionOptions sessionOptions, Model model) {
        this.info = info;
        this.options = options;
        this.provider = provider;
        this.cudaProblem = cudaProblem;
        this.sessionOptions = sessionOptions;
        this.model = model;
        this.predictor = model.newPredictor(new NoopTranslator());
        this.batchSize = info.dynamicBatch() ? options.batchSize() : 1;
        this.inputName = info.inputs().get(0).name();
        this.outputName = options.feed().outputName() != null ? options.feed().outputName()
                : info.outputs().get(0).name();
        // Direct and native-ordered, so ORT wraps it instead of copying each batch again.
        this.staging = ByteBuffer.allocateDirect(Math.multiplyExact(batchSize * imageSize(), Float.BYTES))
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Scans, validates and loads {@code modelFile}; nothing native sees the file before the scan passes. */
    public static OnnxEvaluator load(Path modelFile, Options options) throws IOException, OnnxModelException {
        OnnxModelInfo info = OnnxModelScanner.scan(modelFile);
        info.requireNoExternalData();
        Feed feed = options.feed();
        info.requireImageInput(feed.inputName(), feed.channelsLast(), options.channels(), options.height(),
                options.width());
        info.requireScoreOutput(feed.outputName(), feed.outputIndex());
        String cudaProblem = null;
        OnnxModelException cudaFailure = null;
        if (options.acceleration() != Acceleration.CPU_ONLY) {
            if (!Gpu.present()) {
                // Checked first because addCUDA would otherwise unpack the 583 MB provider just to fail.
                cudaProblem = "no NVIDIA driver (" + Gpu.DRIVER + " missing)";
            } else {
                try {
                    return open(modelFile, info, options, true, null);
                } catch (OnnxModelException e) {
                    cudaProblem = e.getMessage();
                    cudaFailure = e;
                }
            }
            if (options.acceleration() == Acceleration.CUDA_REQUIRED) {
                throw new OnnxModelException(OnnxModelException.Kind.CUDA_UNAVAILABLE, cudaProblem, cudaFailure);
            }
        }
        try {
            return open(modelFile, info, options, false, cudaProblem);
        } catch (OnnxModelException e) {
            if (cudaFailure != null) {
                e.addSuppressed(cudaFailure);
            }
            throw e;
        }
    }

    private static OnnxEvaluator open(Path file, OnnxModelInfo info, Options options, boolean cuda,
            String cudaProblem) throws IOException, OnnxModelException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        Model model = null;
        try {
            so.setIntraOpNumThreads(options.intraOpThreads());
            so.setInterOpNumThreads(1); // sequential executor: inter-op threads would only idle
            // Spinning threads burn the cores that image decoding and other evaluations need: with
            // it off, DenseNet-169 ran 27% faster on a shared 2-core host (6.0 vs 4.7 images/s,
            // interleaved in one JVM), and the whole pipeline kept pace with inference alone.
            so.addConfigEntry("session.intra_op.allow_spinning", options.spinning() ? "1" : "0");
            if (cuda) {
                try {
                    so.addCUDA(options.gpuDevice());
                } catch (OrtException e) {
                    // Typically "Failed to load shared library": CUDA 12 / cuDNN 9 libs not found.
                    throw new OnnxModelException(OnnxModelException.Kind.CUDA_UNAVAILABLE,
                            "CUDA provider unusable: " + e.getMessage(), e);
                }
            }
            // The DJL device stays CPU: OrtModel would call addCUDA a second time for a GPU device,
            // and input tensors live in host memory either way (ORT copies them to the GPU).
            pinCpuDefaultDevice();
            model = Model.newInstance("submission", Device.cpu(), "OnnxRuntime");
            try {
                model.load(file, null, Map.of("sessionOptions", so));
            } catch (MalformedModelException e) {
                Throwable root = e.getCause() != null ? e.getCause() : e;
                throw new OnnxModelException(cuda ? OnnxModelException.Kind.CUDA_UNAVAILABLE
                        : OnnxModelException.Kind.LOAD_FAILED, "ONNX Runtime refused the model: " + root.getMessage(), e);
            }
            return new OnnxEvaluator(info, options, cuda ? Provider.CUDA : Provider.CPU, cudaProblem, so, model);
        } catch (OrtException e) {
            closeQuietly(model, so);
            throw new OnnxModelException(OnnxModelException.Kind.LOAD_FAILED, e.getMessage(), e);
        } catch (IOException | OnnxModelException | RuntimeException e) {
            closeQuietly(model, so);
            throw e;
        }
    }

    /**
     * DJL's root NDManager asks the engine for its default device, and OrtEngine answers by
     * calling {@code addCUDA()} on a throw-away SessionOptions. With the GPU jar on a host
     * without NVIDIA driver that unpacks the 583 MB CUDA provider into /tmp just to fail
     * (about 5 s per JVM, unless {@link OrtNativeLibraries} placed it already). DJL has no
     * setting for the default device, so on such hosts set its cached field to CPU first.
     */
    private static synchronized void pinCpuDefaultDevice() {
        if (cpuPinned || Gpu.present()) {
            return;
        }
        cpuPinned = true;
        try {
            Engine engine = Engine.getEngine("OnnxRuntime");
            Field f = Engine.class.getDeclaredField("defaultDevice");
            f.setAccessible(true);
            if (f.get(engine) == null) {
                f.set(engine, Device.cpu());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A DJL upgrade renamed the field: correct but slow, so only worth a note.
            System.getLogger(OnnxEvaluator.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot pin DJL's default device to CPU; first load may unpack the CUDA provider", e);
        }
    }

    /**
     * Scores {@code count} images laid out as the feed says in {@code images} (count*C*H*W floats,
     * already normalised), in runs of {@link #batchSize()}; returns each image's output element
     * at the feed's index, refusing NaN and infinities.
     */
    public float[] predict(float[] images, int count) throws OnnxModelException {
        if (images.length != (long) count * imageSize()) {
            throw new IllegalArgumentException("expected " + count + " images of " + imageSize() + " floats, got "
                    + images.length + " floats");
        }
        float[][] rows = outputs(images, count);
        float[] scores = new float[count];
        for (int i = 0; i < count; i++) {
            scores[i] = rows[i][options.feed().outputIndex()];
            if (!Float.isFinite(scores[i])) {
                throw new OnnxModelException(OnnxModelException.Kind.NON_FINITE_OUTPUT,
                        "score " + scores[i] + " for image " + i);
            }
        }
        return scores;
    }

    /**
     * Runs the first {@code count} images of {@code images} (which may be longer: a reused batch
     * buffer) and returns each image's raw output row: 1 value for [N], K for [N,K]. Values are
     * not checked; the caller names the image when one is not finite.
     */
    public synchronized float[][] outputs(float[] images, int count) throws OnnxModelException {
        int per = imageSize();
        if (count < 0 || images.length < (long) count * per) {
            throw new IllegalArgumentException("expected " + count + " images of " + per + " floats, got "
                    + images.length + " floats");
        }
        int index = options.feed().outputIndex();
        float[][] rows = new float[count][];
        for (int start = 0; start < count; start += batchSize) {
            int n = Math.min(batchSize, count - start);
            staging.clear();
            staging.put(images, start * per, n * per).flip();
            Shape shape = options.feed().channelsLast()
                    ? new Shape(n, options.height(), options.width(), options.channels())
                    : new Shape(n, options.channels(), options.height(), options.width());
            try (NDManager batch = model.getNDManager().newSubManager()) {
                NDArray x = batch.create(staging.slice(), shape);
                x.setName(inputName);
                NDList y = predictor.predict(new NDList(x));
                NDArray out = y.get(outputName) != null ? y.get(outputName) : y.head();
                float[] v = out.toFloatArray();
                int k = v.length / n;
                if (v.length % n != 0 || k <= index || out.getShape().dimension() > 2) {
                    throw new OnnxModelException(OnnxModelException.Kind.INCOMPATIBLE, "output " + outputName
                            + " has shape " + out.getShape() + " for " + n + " images; output.index is " + index);
                }
                for (int i = 0; i < n; i++) {
                    rows[start + i] = Arrays.copyOfRange(v, i * k, (i + 1) * k);
                }
            } catch (TranslateException | EngineException e) {
                // DJL wraps ORT's message twice (TranslateException > EngineException > OrtException).
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw new OnnxModelException(OnnxModelException.Kind.INFERENCE_FAILED, root.getMessage(), e);
            }
        }
        return rows;
    }

    /**
     * The process-wide ORT environment, created through DJL. Use this instead of calling
     * {@code OrtEnvironment.getEnvironment()} first: DJL's OrtEngine insists on creating the
     * environment itself (with thread options), and if raw ORT code got there first the engine
     * fails with "Tried to specify the thread pool when creating an OrtEnvironment, but one
     * already exists" and stays unusable for the life of the JVM.
     */
    public static OrtEnvironment ortEnvironment() {
        Engine.getEngine("OnnxRuntime");
        return OrtEnvironment.getEnvironment();
    }

    public Provider provider() {
        return provider;
    }

    /** Why CUDA was not used (null when it was, or when CPU_ONLY was asked for). */
    public String cudaProblem() {
        return cudaProblem;
    }

    public OnnxModelInfo modelInfo() {
        return info;
    }

    /** The batch actually used: the requested size, or 1 for a model with a fixed batch of 1. */
    public int batchSize() {
        return batchSize;
    }

    private int imageSize() {
        return Math.multiplyExact(options.channels(), Math.multiplyExact(options.height(), options.width()));
    }

    @Override
    public synchronized void close() {
        predictor.close();
        closeQuietly(model, sessionOptions);
    }

    private static void closeQuietly(Model model, OrtSession.SessionOptions so) {
        if (model != null) {
            model.close(); // closes the OrtSession through OrtSymbolBlock
        }
        so.close();
    }
}

package org.muraarena.sandbox.onnx;

import org.muraarena.core.Options;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.dataset.MuraTree;
import org.muraarena.core.Aggregation;
import org.muraarena.core.Manifest;

/**
 * {@code bench}: throughput of the ONNX pipeline, a benchmark rather than a test.
 * <pre>
 * bench --model M --root DATASET_ROOT --set SET [--batch 8] [--threads 2] [--images N] [--chunk 64]
 *       [--spin false] [--native-dir DIR]
 * </pre>
 * Feeds the model as the reference DenseNet wants it (320×320, NCHW, ImageNet mean/std,
 * probability) and prints one line each: the provider; decode and resize cost per image on one
 * thread; (a) ONNX Runtime alone on ready tensors; (b) the whole pipeline the sandbox's child
 * runs (decode, resize, normalise, batch, infer, aggregate per study), both taking turns on
 * chunks of images; the ratio (b)/(a); and peak RSS (VmHWM).
 */
public final class BenchCommand {
    /** Ready tensors for (a) are this many distinct images, cycled: the values do not change a CNN's speed. */
    private static final int READY_IMAGES = 64;

    private BenchCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options a = Options.parse(args, "model", "root", "set", "batch", "threads", "images", "chunk", "spin", "native-dir");
            String nativeDir = a.get("native-dir", null);
            if (nativeDir != null && System.getProperty(OrtNativeLibraries.PROPERTY) == null) {
                System.setProperty(OrtNativeLibraries.PROPERTY, nativeDir);
            }
            EvaluateOnnxCommand.onLargeStack(() -> {
                bench(a, out);
                return null;
            });
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("bench failed: " + e);
            return 1;
        }
    }

    private static void bench(Options a, PrintStream out) throws Exception {
        int batch = a.positive("batch", 8);
        int threads = a.positive("threads", 2);
        MuraTree tree = new MuraTree(Path.of(a.required("root")));
        List<String> all = EvaluateOnnxCommand.images(tree, a.required("set"));
        List<String> images = all.subList(0, Math.min(all.size(), a.positive("images", all.size())));
        Manifest.Input in = new Manifest.Input(null, Manifest.Layout.NCHW, 3, 320, 320, 255.0,
                List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225), Manifest.Resize.STRETCH);
        Manifest manifest = new Manifest("bench", Manifest.Kind.ONNX, in, Manifest.DEFAULT_OUTPUT, Aggregation.MEAN, false);
        ImagePreprocessor pre = new ImagePreprocessor(in);
        int per = pre.floatsPerImage();

        float[] ready = new float[Math.min(READY_IMAGES, images.size()) * per];
        double[] cost = preprocessCost(tree, images, pre, ready);
        try (OnnxEvaluator ev = OnnxEvaluator.load(Path.of(a.required("model")),
                ImageScorer.options(in, manifest.output(), threads, batch)
                        .withSpinning(Boolean.parseBoolean(a.get("spin", "false"))))) {
            int workers = ImageScorer.workersFor(Runtime.getRuntime().availableProcessors(),
                    ev.provider() == OnnxEvaluator.Provider.CUDA ? 1 : threads);
            out.printf(Locale.ROOT, "provider %s%s, %d intra-op thread(s)%s, batch %d, %d preprocessing thread(s), %d images%n",
                    ev.provider(), ev.cudaProblem() == null ? "" : " (" + ev.cudaProblem() + ")", threads,
                    a.get("spin", "false").equals("true") ? " spinning" : "", ev.batchSize(), workers, images.size());
            out.printf(Locale.ROOT, "decode %.2f ms/image, resize+normalise %.2f ms/image (one thread, %d images)%n",
                    cost[0], cost[1], ready.length / per);
            ev.outputs(ready, Math.min(batch, ready.length / per)); // warm-up: arenas, memory planning, JIT

            // (a) and (b) take turns on chunks of the set, in alternating order, so that the load of
            // neighbours on a shared host, which drifts by a factor of two here, hits both alike.
            ImageScorer scorer = new ImageScorer(ev, manifest, batch, workers);
            int chunk = Math.max(batch, a.positive("chunk", 64) / batch * batch);
            double[] onlyOrt = new double[2];
            double[] pipeline = new double[2];
            double[] p = new double[images.size()];
            for (int from = 0, round = 0; from < images.size(); from += chunk, round++) {
                List<String> part = images.subList(from, Math.min(images.size(), from + chunk));
                int at = from;
                Work ort = () -> add(onlyOrt, timed(() -> inferReady(ev, ready, per, batch, part.size())));
                Work whole = () -> add(pipeline, timed(() -> System.arraycopy(scorer.score(tree, part, done -> { }), 0, p,
                        at, part.size())));
                (round % 2 == 0 ? ort : whole).run();
                (round % 2 == 0 ? whole : ort).run();
            }
            int[] studies = new int[1];
            add(pipeline, timed(() -> studies[0] = aggregate(tree, a.required("set"), images, p)));
            print(out, "(a) onnxruntime only", images.size(), onlyOrt, "");
            print(out, "(b) whole pipeline", images.size(), pipeline, String.format(Locale.ROOT,
                    ", %d studies aggregated, %.1f s of it waiting for preprocessing", studies[0], scorer.waitedSeconds()));
            out.printf(Locale.ROOT, "ratio (b)/(a) %.3f by wall time, %.3f by CPU time (in chunks of %d images)%n",
                    onlyOrt[0] / pipeline[0], onlyOrt[1] / pipeline[1], chunk);
        }
        out.println("peak RSS " + peakRss());
    }

    /**
     * Milliseconds per image to decode, and to resize + normalise, on this thread, over the
     * images that fill {@code ready}; timed on a second pass, the first one warming up the JIT.
     */
    private static double[] preprocessCost(MuraTree tree, List<String> images, ImagePreprocessor pre, float[] ready)
            throws IOException {
        int n = ready.length / pre.floatsPerImage();
        List<byte[]> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(Files.readAllBytes(tree.file(images.get(i))));
        }
        long decode = 0;
        long rest = 0;
        for (int pass = 0; pass < 2; pass++) {
            decode = 0;
            rest = 0;
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(files.get(i)));
                long t1 = System.nanoTime();
                pre.write(image, ready, i * pre.floatsPerImage());
                decode += t1 - t0;
                rest += System.nanoTime() - t1;
            }
        }
        return new double[] {decode / 1e6 / n, rest / 1e6 / n};
    }

    private static void inferReady(OnnxEvaluator ev, float[] ready, int per, int batch, int total) throws Exception {
        int readyBatches = Math.max(1, ready.length / per / batch);
        float[][] batches = new float[readyBatches][];
        for (int k = 0; k < readyBatches; k++) {
            batches[k] = Arrays.copyOfRange(ready, k * batch * per, Math.min(ready.length, (k + 1) * batch * per));
        }
        for (int done = 0, k = 0; done < total; done += batch, k++) {
            float[] b = batches[k % readyBatches];
            ev.outputs(b, Math.min(Math.min(batch, total - done), b.length / per));
        }
    }

    /** Study probabilities as the scorer would compute them; returns how many studies it saw. */
    private static int aggregate(MuraTree tree, String set, List<String> images, double[] p) throws IOException {
        List<Double> studies = new ArrayList<>();
        int i = 0;
        for (MuraStudy s : tree.studies(set)) {
            int n = Math.min(s.images().size(), images.size() - i);
            if (n <= 0) {
                break;
            }
            studies.add(Aggregation.MEAN.apply(Arrays.copyOfRange(p, i, i + n)));
            i += n;
        }
        return studies.size();
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void add(double[] sum, double[] t) {
        sum[0] += t[0];
        sum[1] += t[1];
    }

    /** Wall seconds and process CPU seconds of {@code work}. */
    private static double[] timed(Work work) throws Exception {
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        work.run();
        return new double[] {(System.nanoTime() - t0) / 1e9, (processCpuNanos() - cpu0) / 1e9};
    }

    private static void print(PrintStream out, String what, int n, double[] t, String extra) {
        out.printf(Locale.ROOT, "%s: %.2f images/s (%.1f s wall, %.3f CPU-s/image)%s%n", what, n / t[0], t[0],
                t[1] / n, extra);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** VmHWM from /proc/self/status: the most resident memory this process has held. */
    static String peakRss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                found.add(kb / 1024 + " MiB");
            }
        }
        return found.isEmpty() ? "unknown" : found.get(0);
    }
}

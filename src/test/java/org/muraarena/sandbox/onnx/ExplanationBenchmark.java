package org.muraarena.sandbox.onnx;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.muraarena.core.Manifest;
import org.muraarena.dataset.MuraTree;

/**
 * Benchmark, not a test: what the explanation step of {@code evaluate-onnx} costs for the reference
 * DenseNet-169 (input [N,3,320,320], ImageNet normalisation): seconds per occlusion map for each
 * grid asked, and the last-layer sanity check (randomise, write, load a second session, one map).
 * After {@code ./mvnw test-compile}, with the test classpath:
 * {@code java -cp CP org.muraarena.sandbox.onnx.ExplanationBenchmark MODEL DATASET_ROOT [threads] [batch] [grid...]}.
 */
public final class ExplanationBenchmark {
    private ExplanationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        MuraTree tree = new MuraTree(Path.of(args[1]));
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int[] grids = args.length > 4 ? java.util.Arrays.stream(args, 4, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {8, 4};
        Manifest.Input in = new Manifest.Input(null, Manifest.Layout.NCHW, 3, 320, 320, 255.0,
                List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225), Manifest.Resize.STRETCH);
        Manifest.Output out = new Manifest.Output(null, Manifest.OutputType.PROBABILITY, 0);
        OnnxEvaluator.Options options = ImageScorer.options(in, out, threads, batch);
        ImagePreprocessor pre = new ImagePreprocessor(in);
        ScoreReader reader = new ScoreReader(out);
        List<String> images = EvaluateOnnxCommand.images(tree, "sample").subList(0, 2);
        System.out.println("load before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        long t0 = System.nanoTime();
        try (OnnxEvaluator ev = OnnxEvaluator.load(model, options)) {
            System.out.printf(Locale.ROOT, "load %.1f s, %s, %d threads, batch %d%n", secs(t0), ev.provider(), threads,
                    ev.batchSize());
            map(ev, pre, reader, tree, images.get(0), 2); // warm-up
            for (int g : grids) {
                for (String image : images) {
                    long c0 = cpu();
                    long w0 = System.nanoTime();
                    OcclusionMap m = map(ev, pre, reader, tree, image, g);
                    double s = secs(w0);
                    System.out.printf(Locale.ROOT, "grid %d: %d forward images (%d patches + base), %.1f s wall,"
                            + " %.1f s CPU, %.1f images/s, peak %.3f%n", g, g * g + 1, g * g, s, (cpu() - c0) / 1e9,
                            (g * g + 1) / s, m.peak());
                }
            }
        }
        long w0 = System.nanoTime();
        long c0 = cpu();
        byte[] bytes = Files.readAllBytes(model);
        LastLayerRandomiser.Result r = LastLayerRandomiser.randomise(java.nio.ByteBuffer.wrap(bytes),
                LastLayerRandomiser.SEED).orElseThrow();
        Path copy = Files.createTempFile("randomised", ".onnx");
        Files.write(copy, bytes);
        double randomise = secs(w0);
        long l0 = System.nanoTime();
        try (OnnxEvaluator control = OnnxEvaluator.load(copy, options)) {
            double load = secs(l0);
            long m0 = System.nanoTime();
            map(control, pre, reader, tree, images.get(0), 8);
            System.out.printf(Locale.ROOT, "sanity check: %s (%d values of %s): read+randomise+write %.2f s, load %.1f s,"
                    + " grid-8 map %.1f s; total %.1f s wall, %.1f s CPU%n", r.layer(), r.values(), r.tensors(),
                    randomise, load, secs(m0), secs(w0), (cpu() - c0) / 1e9);
        } finally {
            Files.delete(copy);
        }
        System.out.println("load after: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static OcclusionMap map(OnnxEvaluator ev, ImagePreprocessor pre, ScoreReader reader, MuraTree tree,
            String image, int grid) throws Exception {
        BufferedImage b = ImageIO.read(tree.file(image).toFile());
        return new OcclusionMap.Maker(ev, pre, reader, grid).map(ImagePreprocessor.luminance(b), b.getWidth(),
                b.getHeight(), image, () -> { });
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}

package org.muraarena.sandbox.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Benchmark, not a test: images/s of the reference DenseNet-169 through {@link OnnxEvaluator}
 * (DJL) and through the raw ONNX Runtime Java API on random ready tensors. Mode {@code both}
 * alternates the two batch by batch in one JVM so that load from other processes hits both
 * alike; modes {@code djl} and {@code raw} run one alone so peak RSS (VmHWM) is per mode.
 * After {@code ./mvnw test-compile}, with the test classpath:
 * {@code java -cp CP org.muraarena.sandbox.onnx.OnnxBenchmark both|djl|raw MODEL [threads] [batch] [rounds]},
 * MODEL being a DenseNet-169 ONNX export of a MURA model (about 50 MB) that you supply.
 * Add {@code -Donnxruntime.native.path=DIR} (see {@link OrtNativeLibraries}) to skip unpacking.
 */
public final class OnnxBenchmark {
    private static final int PER = 3 * 320 * 320;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "both";
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: OnnxBenchmark both|djl|raw MODEL [threads] [batch] [rounds]");
        }
        Path model = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        float[] images = new float[batch * PER];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        OnnxEvaluator ev = null;
        OrtSession raw = null;
        long t0 = System.nanoTime();
        if (!mode.equals("raw")) {
            ev = OnnxEvaluator.load(model, OnnxEvaluator.Options.of(3, 320, 320).withThreads(threads).withBatchSize(batch));
            System.out.printf("DJL load %.0f ms, provider %s (%s)%n", ms(t0), ev.provider(), ev.cudaProblem());
        }
        t0 = System.nanoTime();
        FloatBuffer buf = ByteBuffer.allocateDirect(images.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        if (!mode.equals("djl")) {
            OrtSession.SessionOptions so = new OrtSession.SessionOptions();
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            raw = OrtEnvironment.getEnvironment().createSession(model.toString(), so);
            System.out.printf("raw load %.0f ms%n", ms(t0));
        }
        double[] djl = new double[rounds];
        double[] ort = new double[rounds];
        // Process CPU seconds per batch as well: on a shared 2-core host the wall clock mostly
        // measures the neighbours, CPU time much less so.
        double[] djlCpu = new double[rounds];
        double[] ortCpu = new double[rounds];
        for (int r = -1; r < rounds; r++) { // round -1 warms up: arenas, memory planning, JIT
            if (ev != null) {
                long s = System.nanoTime();
                double c = cpuSeconds();
                float[] out = ev.predict(images, batch);
                if (r >= 0) {
                    djl[r] = (System.nanoTime() - s) / 1e9;
                    djlCpu[r] = cpuSeconds() - c;
                } else {
                    System.out.println("DJL scores " + Arrays.toString(Arrays.copyOf(out, 3)));
                }
            }
            if (raw != null) {
                long s = System.nanoTime();
                double c = cpuSeconds();
                buf.clear();
                buf.put(images).flip();
                try (OnnxTensor x = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), buf,
                        new long[] {batch, 3, 320, 320}); OrtSession.Result res = raw.run(Map.of("image", x))) {
                    float[][] out = (float[][]) res.get(0).getValue();
                    if (r >= 0) {
                        ort[r] = (System.nanoTime() - s) / 1e9;
                        ortCpu[r] = cpuSeconds() - c;
                    } else {
                        System.out.println("raw scores " + out[0][0] + " " + out[1][0] + " " + out[2][0]);
                    }
                }
            }
        }
        System.out.println("threads in JVM: " + Thread.activeCount() + " java, "
                + Files.list(Path.of("/proc/self/task")).count() + " OS");
        if (ev != null) {
            report("djl", djl, djlCpu, batch, threads);
            ev.close();
        }
        if (raw != null) {
            report("raw", ort, ortCpu, batch, threads);
            raw.close();
        }
        System.out.println("peak RSS " + vmHwm());
    }

    private static void report(String name, double[] seconds, double[] cpu, int batch, int threads) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        double[] c = cpu.clone();
        Arrays.sort(c);
        System.out.printf("%s threads=%d batch=%d: median %.2f images/s, best %.2f images/s, median %.3f CPU-s/image%n",
                name, threads, batch, batch / s[s.length / 2], batch / s[0], c[c.length / 2] / batch);
    }

    private static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static String vmHwm() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("?");
    }
}

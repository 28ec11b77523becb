package org.muraarena.sandbox.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.muraarena.dataset.MuraTree;
import org.muraarena.core.Manifest;

/**
 * The whole ONNX pipeline for a list of images: decode, resize, normalise and batch on
 * {@link BatchPipeline}'s threads, infer on the caller's, read each probability with
 * {@link ScoreReader}. Shared by the sandbox's child process and the {@code bench} command so
 * that what is measured is what runs.
 */
final class ImageScorer {
    private final OnnxEvaluator evaluator;
    private final ImagePreprocessor preprocessor;
    private final ScoreReader reader;
    private final int batchSize;
    private final int workers;
    private long waitedNanos;

    ImageScorer(OnnxEvaluator evaluator, Manifest manifest, int batchSize, int workers) {
        this.evaluator = evaluator;
        this.preprocessor = new ImagePreprocessor(manifest.input());
        this.reader = new ScoreReader(manifest.output());
        this.batchSize = batchSize;
        this.workers = workers;
    }

    /**
     * Preprocessing threads for a host with {@code cores} cores when inference itself keeps
     * {@code inferenceThreads} busy: what is left over, at least one (it then shares a core, but
     * costs ~5% of a CPU-bound DenseNet's time) and at most four (enough to feed a GPU at batch 8).
     */
    static int workersFor(int cores, int inferenceThreads) {
        return Math.max(1, Math.min(4, cores - inferenceThreads));
    }

    /** Evaluator options wired as the manifest says. */
    static OnnxEvaluator.Options options(Manifest.Input in, Manifest.Output out, int threads, int batch) {
        OnnxEvaluator.Feed feed = new OnnxEvaluator.Feed(in.layout() == Manifest.Layout.NHWC, in.name(), out.name(),
                out.index());
        return OnnxEvaluator.Options.of(in.channels(), in.height(), in.width())
                .withThreads(threads).withBatchSize(batch).withFeed(feed);
    }

    /**
     * Scores {@code images} (paths relative to the tree's root), calling {@code progress} with the
     * number done after each batch.
     *
     * @throws IOException an image could not be read (the platform's data, not the model)
     * @throws OnnxModelException ONNX Runtime failed on a batch
     * @throws ScoreReader.InvalidScoreException an output is not a probability (names the image)
     */
    double[] score(MuraTree tree, List<String> images, IntConsumer progress)
            throws IOException, OnnxModelException, ScoreReader.InvalidScoreException, InterruptedException {
        List<Path> files = images.stream().map(tree::file).toList();
        double[] probabilities = new double[images.size()];
        try (BatchPipeline pipeline = new BatchPipeline(files, preprocessor, batchSize, workers)) {
            while (true) {
                long t0 = System.nanoTime();
                BatchPipeline.Batch b = pipeline.next();
                waitedNanos += System.nanoTime() - t0;
                if (b == null) {
                    break;
                }
                if (b.error() != null) {
                    throw b.error();
                }
                float[][] rows = evaluator.outputs(b.data(), b.count());
                for (int i = 0; i < b.count(); i++) {
                    probabilities[b.start() + i] = reader.probability(rows[i], images.get(b.start() + i));
                }
                pipeline.release(b);
                progress.accept(b.start() + b.count());
            }
        }
        return probabilities;
    }

    /** Seconds inference has waited for preprocessing so far: near 0 when prefetching keeps up. */
    double waitedSeconds() {
        return waitedNanos / 1e9;
    }
}

package org.muraarena.sandbox.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes and preprocesses images into batches on background threads while the caller runs
 * inference on the previous batch, so the pipeline costs little more than inference alone.
 * Batches come out in order; each worker fills a whole batch, and a small pool of reused
 * buffers (workers + 2) bounds memory and keeps the GC quiet (a 320×320 batch of 8 is 10 MB).
 */
final class BatchPipeline implements AutoCloseable {
    /** Images {@code start .. start+count-1} in {@code data}; {@code error} set when one could not be read. */
    record Batch(int start, int count, float[] data, IOException error) {
    }

    private final List<Path> files;
    private final ImagePreprocessor pre;
    private final int batchSize;
    private final int batches;
    private final BlockingQueue<float[]> free;
    private final AtomicInteger nextToFill = new AtomicInteger();
    private final Map<Integer, Batch> ready = new HashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private int nextToTake;

    BatchPipeline(List<Path> files, ImagePreprocessor pre, int batchSize, int workerCount) {
        this.files = List.copyOf(files);
        this.pre = pre;
        this.batchSize = batchSize;
        this.batches = (files.size() + batchSize - 1) / batchSize;
        this.free = new ArrayBlockingQueue<>(workerCount + 2);
        for (int i = 0; i < workerCount + 2; i++) {
            free.add(new float[batchSize * pre.floatsPerImage()]);
        }
        for (int i = 0; i < workerCount; i++) {
            Thread t = new Thread(this::work, "preprocess-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** The next batch in order, waiting for it; null after the last. Hand it back with {@link #release}. */
    Batch next() throws InterruptedException {
        if (nextToTake >= batches) {
            return null;
        }
        synchronized (ready) {
            while (!ready.containsKey(nextToTake)) {
                ready.wait();
            }
            return ready.remove(nextToTake++);
        }
    }

    void release(Batch batch) {
        free.add(batch.data());
    }

    private void work() {
        try {
            while (true) {
                // Take a buffer before claiming a batch number: a claimed batch can always be
                // finished, so the consumer waiting for batch k never waits on a starved worker.
                float[] buffer = free.take();
                int k = nextToFill.getAndIncrement();
                if (k >= batches) {
                    free.add(buffer);
                    return;
                }
                int start = k * batchSize;
                int count = Math.min(batchSize, files.size() - start);
                IOException error = null;
                for (int i = 0; i < count && error == null; i++) {
                    Path file = files.get(start + i);
                    try {
                        pre.load(file, buffer, i * pre.floatsPerImage());
                    } catch (IOException | RuntimeException e) {
                        error = new IOException("cannot read image " + file + ": " + e.getMessage(), e);
                    }
                }
                synchronized (ready) {
                    ready.put(k, new Batch(start, count, buffer, error));
                    ready.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed early: just stop
        }
    }

    @Override
    public void close() {
        workers.forEach(Thread::interrupt);
    }
}

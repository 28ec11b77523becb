package org.muraarena.dataset.importer;

import java.util.function.Consumer;

/** A progress line per 5% of the files, or after 5 s without one, with the rate so far. */
final class CopyProgress {
    private static final long QUIET_NANOS = 5_000_000_000L;

    private final int total;
    private final Consumer<String> out;
    private final long start = System.nanoTime();
    private long lastLine = start;
    private int lastStep;

    CopyProgress(int total, Consumer<String> out) {
        this.total = total;
        this.out = out;
    }

    /** {@code done} files of the total are in place. */
    void done(int done) {
        long now = System.nanoTime();
        int step = (int) (20L * done / Math.max(1, total));
        if (step > lastStep || now - lastLine >= QUIET_NANOS || done == total) {
            lastStep = step;
            lastLine = now;
            double seconds = Math.max(1e-9, (now - start) / 1e9);
            out.accept(String.format("import-mura: %d/%d files (%d%%), %.0f files/s", done, total,
                    100L * done / Math.max(1, total), done / seconds));
        }
    }
}

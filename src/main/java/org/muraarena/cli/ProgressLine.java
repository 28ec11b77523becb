package org.muraarena.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr: done of total, rate and time left. On a terminal it is one line redrawn
 * in place (at most five times a second) with other lines printed above it; otherwise (a log file,
 * a test) one plain line per tenth of the way, so a redirected stderr stays readable.
 */
final class ProgressLine {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 24;

    private final PrintStream err;
    private final boolean bytes;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastTenth = -1;
    private String drawn = "";

    /** {@code bytes}: amounts are bytes (MB, MB/s), else images. */
    ProgressLine(PrintStream err, boolean bytes, boolean interactive) {
        this.err = err;
        this.bytes = bytes;
        this.interactive = interactive;
    }

    /** Whether this JVM talks to a person (a console), the default for {@code interactive}. */
    static boolean console() {
        return System.console() != null;
    }

    synchronized void update(long done, long total) {
        long now = System.nanoTime();
        boolean end = total > 0 && done >= total;
        if (interactive) {
            if (end || now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                drawn = text(done, total, now);
                err.print("\r" + drawn + "\u001b[K");
                err.flush();
            }
        } else {
            int tenth = total <= 0 ? 0 : (int) Math.min(10, done * 10 / total);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                err.println(text(done, total, now));
            }
        }
    }

    /** Prints a line above the bar (a log line), then the bar again. */
    synchronized void println(String line) {
        if (interactive && !drawn.isEmpty()) {
            err.print("\r\u001b[K" + line + "\n" + drawn);
            err.flush();
        } else {
            err.println(line);
        }
    }

    /** Ends the bar's line; later output starts on a fresh one. */
    synchronized void finish() {
        if (interactive && !drawn.isEmpty()) {
            err.println();
            drawn = "";
        }
    }

    String text(long done, long total, long now) {
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder line = new StringBuilder();
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, done * WIDTH / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", done * 100 / total));
        }
        line.append(amount(done)).append(total > 0 ? " / " + amount(total) : "").append(bytes ? "" : " images");
        if (rate > 0 && seconds >= 0.5) { // before that, a rate says more about start-up than about the transfer
            line.append(String.format(Locale.ROOT, "  %s/s", bytes ? amount((long) rate) : String.format(Locale.ROOT, "%.1f", rate)));
            if (total > done) {
                line.append("  ETA ").append(duration((total - done) / rate));
            }
        }
        return line.toString();
    }

    private String amount(long value) {
        return bytes ? String.format(Locale.ROOT, "%.1f MB", value / 1e6) : Long.toString(value);
    }

    /** {@code 4.2 s}, {@code 3 min 5 s}. */
    static String duration(double seconds) {
        if (seconds < 59.95) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return s / 60 + " min " + s % 60 + " s";
    }
}

package org.muraarena.sandbox.container;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.muraarena.sandbox.RunListener;

/**
 * The container's stdout and stderr, cut into lines and passed on to the listener, keeping at
 * most {@code budget} bytes of it: the first half goes out live; past that, only the latest lines
 * are kept (oldest dropped first) and go out when the run ends, after a line saying how much was
 * dropped. A chatty or hostile image cannot fill the database, and both how it started and how it
 * ended stay readable.
 */
final class LogTail {
    /** Longer lines are cut; what is cut counts as dropped. */
    static final int MAX_LINE = 4096;

    private final RunListener listener;
    private final long headBudget;
    private final long tailBudget;
    private final ByteArrayOutputStream[] partial = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    private final boolean[] cut = new boolean[2];
    private final Deque<String> tail = new ArrayDeque<>();
    private long headBytes;
    private long tailBytes;
    private long droppedBytes;
    private long droppedLines;
    private boolean full;
    private volatile long received;

    LogTail(RunListener listener, long budget) {
        this.listener = listener;
        this.headBudget = budget / 2;
        this.tailBudget = budget - headBudget;
    }

    /** A chunk of one stream (0 stdout, 1 stderr); lines may span chunks. */
    synchronized void accept(int stream, byte[] bytes) {
        received += bytes.length;
        ByteArrayOutputStream line = partial[stream];
        for (byte b : bytes) {
            if (b == '\n') {
                endLine(stream);
            } else if (line.size() < MAX_LINE) {
                line.write(b);
            } else {
                cut[stream] = true;
                droppedBytes++;
            }
        }
    }

    /** Flushes unfinished lines and the kept tail; call once, when the container is gone. */
    synchronized void finish() {
        for (int s = 0; s < partial.length; s++) {
            if (partial[s].size() > 0) {
                endLine(s);
            }
        }
        if (droppedBytes > 0 || droppedLines > 0) {
            listener.log("[sandbox] " + droppedLines + " line(s), " + droppedBytes + " bytes of the container's output dropped here"
                    + " (at most " + ContainerSandbox.human(headBudget + tailBudget) + " is kept: its head and its tail)");
        }
        tail.forEach(listener::log);
        tail.clear();
    }

    /** Bytes the container has written to stdout and stderr so far, kept or not. */
    long receivedBytes() {
        return received;
    }

    /** Bytes of the container's output passed on or held for the end. */
    synchronized long keptBytes() {
        return headBytes + tailBytes;
    }

    private void endLine(int stream) {
        String line = partial[stream].toString(StandardCharsets.UTF_8) + (cut[stream] ? " [cut]" : "");
        partial[stream].reset();
        cut[stream] = false;
        long size = line.getBytes(StandardCharsets.UTF_8).length + 1L;
        if (!full && headBytes + size <= headBudget) {
            headBytes += size;
            listener.log(line);
            return;
        }
        if (!full) {
            full = true;
            listener.log("[sandbox] the container's output passed " + ContainerSandbox.human(headBudget)
                    + "; from here only its last " + ContainerSandbox.human(tailBudget) + " is kept, shown when it ends");
        }
        tail.addLast(line);
        tailBytes += size;
        while (tailBytes > tailBudget && !tail.isEmpty()) {
            String oldest = tail.removeFirst();
            long dropped = oldest.getBytes(StandardCharsets.UTF_8).length + 1L;
            tailBytes -= dropped;
            droppedBytes += dropped;
            droppedLines++;
        }
    }
}

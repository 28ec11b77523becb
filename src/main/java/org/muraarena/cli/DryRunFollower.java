package org.muraarena.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;

/**
 * Polls a submission ({@code GET /api/submissions/{id}}) until its dry run ends, printing on stderr
 * each change of status, queue place or progress and, when {@code showLog}, each new line of its log.
 * A server that stops answering is asked again for up to {@link #PATIENCE}.
 */
final class DryRunFollower {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Set<String> UNFINISHED = Set.of("QUEUED", "RUNNING");
    /** What is compared with the next log to find where it was left: its tail, which trimming keeps. */
    private static final int ANCHOR = 2000;

    private final ArenaClient client;
    private final PrintStream err;
    private final boolean showLog;
    private final Duration poll;
    private String lastState = "";
    private String lastLog = "";

    DryRunFollower(ArenaClient client, PrintStream err, boolean showLog, Duration poll) {
        this.client = client;
        this.err = err;
        this.showLog = showLog;
        this.poll = poll;
    }

    /** The submission's view once its dry run has ended (SUCCEEDED, FAILED or CANCELLED). */
    JsonNode await(long id) throws IOException, InterruptedException, ArenaClient.Refused {
        long failingSince = 0;
        while (true) {
            JsonNode view;
            try {
                view = client.submission(id);
                failingSince = 0;
            } catch (IOException e) {
                long now = System.nanoTime();
                failingSince = failingSince == 0 ? now : failingSince;
                if (now - failingSince > PATIENCE.toNanos()) {
                    throw e;
                }
                err.println("submit: the server did not answer (" + e.getMessage() + "); asking again");
                Thread.sleep(poll.toMillis());
                continue;
            }
            JsonNode dryRun = view.path("dryRun");
            if (showLog) {
                printNewLog(dryRun.path("log").asText(""));
            }
            String status = dryRun.path("status").asText("QUEUED");
            printState(status, dryRun);
            if (!UNFINISHED.contains(status)) {
                return view;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private void printState(String status, JsonNode dryRun) {
        String state = "dry run " + status;
        if (dryRun.hasNonNull("queuePosition") && "QUEUED".equals(status)) {
            state += ", place " + dryRun.get("queuePosition").asInt() + " in the queue";
        }
        int total = dryRun.path("progress").path("total").asInt();
        if (total > 0) {
            state += ": " + dryRun.path("progress").path("done").asInt() + " / " + total + " images";
        }
        if (!state.equals(lastState)) {
            err.println("submit: " + state);
            lastState = state;
        }
    }

    /** Prints what the log gained since the last poll; a log trimmed at its front is found by its old tail. */
    private void printNewLog(String log) {
        String added;
        if (log.startsWith(lastLog)) {
            added = log.substring(lastLog.length());
        } else {
            String anchor = lastLog.substring(Math.max(0, lastLog.length() - ANCHOR));
            int at = anchor.isEmpty() ? -1 : log.lastIndexOf(anchor);
            added = at < 0 ? "[earlier log lines were trimmed]\n" + log : log.substring(at + anchor.length());
        }
        if (!added.isEmpty()) {
            err.print(added.endsWith("\n") ? added : added + "\n");
            err.flush();
        }
        lastLog = log;
    }
}

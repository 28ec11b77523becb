package org.muraarena.competition.leaderboard;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.muraarena.core.Hashing;

/**
 * The board as it is served until the next change: the data, its JSON and CSV bytes (written once,
 * when the board is built, and never modified: readers send them as they are) and their strong
 * ETags (a hash of the bytes, so every process serving the same board gives the same tag).
 */
public final class BoardSnapshot {
    private final long generation;
    private final Leaderboard board;
    private final byte[] json;
    private final byte[] csv;
    private final String jsonEtag;
    private final String csvEtag;
    private final Instant builtAt;
    private final Duration took;
    private final boolean complete;
    private final Map<Long, Integer> ranks = new HashMap<>();

    BoardSnapshot(long generation, Leaderboard board, byte[] json, byte[] csv, Instant builtAt, Duration took, boolean complete) {
        this.generation = generation;
        this.board = board;
        this.json = json;
        this.csv = csv;
        this.jsonEtag = etag(json);
        this.csvEtag = etag(csv);
        this.builtAt = builtAt;
        this.took = took;
        this.complete = complete;
        for (Leaderboard.Row row : board.rows()) {
            ranks.put(row.teamId(), row.rank());
        }
    }

    /** A strong entity tag: the first 128 bits of the bytes' SHA-256, quoted. */
    public static String etag(byte[] bytes) {
        return '"' + Hashing.sha256(bytes).substring(0, 32) + '"';
    }

    /** Counts this process's builds: a page cached for one generation is stale in the next. */
    public long generation() {
        return generation;
    }

    public Leaderboard board() {
        return board;
    }

    /** The JSON of {@code /api/leaderboard}; not to be modified. */
    public byte[] json() {
        return json;
    }

    /** The CSV of {@code /api/leaderboard.csv}; not to be modified. */
    public byte[] csv() {
        return csv;
    }

    public String jsonEtag() {
        return jsonEtag;
    }

    public String csvEtag() {
        return csvEtag;
    }

    public static String csvMediaType() {
        return LeaderboardCsv.MEDIA_TYPE;
    }

    public Instant builtAt() {
        return builtAt;
    }

    /** How long the build took. */
    public Duration took() {
        return took;
    }

    /** False while the hidden data is not in place yet (no reference rows, no statistics). */
    public boolean complete() {
        return complete;
    }

    /** The team's rank, or null while it has no released result (or shares no rank). */
    public Integer rankOf(long teamId) {
        return ranks.get(teamId);
    }

    @Override
    public String toString() {
        return "board #" + generation + " (" + board.rows().size() + " rows, " + json.length + " B JSON, "
                + jsonEtag + ")";
    }
}

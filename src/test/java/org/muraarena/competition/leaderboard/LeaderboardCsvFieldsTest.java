package org.muraarena.competition.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.muraarena.competition.submission.HiddenView;

class LeaderboardCsvFieldsTest {

    @Test
    void fieldsAreQuotedOnlyWhenRfc4180RequiresIt() {
        assertEquals("plain team", LeaderboardCsv.field("plain team"));
        assertEquals("\"a, b\"", LeaderboardCsv.field("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", LeaderboardCsv.field("say \"hi\""));
        assertEquals("\"two\r\nlines\"", LeaderboardCsv.field("two\r\nlines"));
        assertEquals("", LeaderboardCsv.field(null));
        assertEquals("", LeaderboardCsv.field(Double.NaN));
        assertEquals("1.0E-4", LeaderboardCsv.field(1e-4), "as the JSON writes it");
        assertEquals("0.705", LeaderboardCsv.field(0.705));
        assertEquals("2026-03-05T09:25:00Z", LeaderboardCsv.field(Instant.parse("2026-03-05T09:25:00Z")));
    }

    @Test
    void everyLineHasOneFieldPerColumnAndEndsInCrlf() {
        Map<String, HiddenView.Kappa> byType = new TreeMap<>(Map.of("XR_ELBOW", new HiddenView.Kappa(0.5)));
        Leaderboard.Row row = new Leaderboard.Row(1, "Team, Inc.", 7, "m", 9, 0.7, List.of(0.6, 0.8), null, null,
                Arrays.asList(null, null), byType, "CPU", Instant.EPOCH, List.of(1.0, 2.0), 0.01, 1, 1);
        Leaderboard.Reference reference = new Leaderboard.Reference("Radiologist 1", 0.6, List.of(0.5, 0.7), null,
                List.of(1.0, 2.0), null, 1, 2);
        String csv = new String(LeaderboardCsv.write(new Leaderboard(List.of(row), List.of(reference), 207)), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n", -1);
        assertEquals(4, lines.length, csv);
        assertEquals("", lines[3], "the last line ends in CRLF too");
        int columns = LeaderboardCsv.columns().size();
        assertEquals(String.join(",", LeaderboardCsv.columns()), lines[0]);
        assertEquals("team,1,\"Team, Inc.\",7,,m,9,0.7,0.6,0.8,,,,,,0.5,,,,,,,CPU,1970-01-01T00:00:00Z,1.0,2.0,0.01,1", lines[1]);
        assertEquals("reference,,,,Radiologist 1,,,0.6,0.5,0.7,,,,,,,,,,,,,,,1.0,2.0,,1", lines[2]);
        assertEquals(columns, lines[2].split(",", -1).length);
    }
}

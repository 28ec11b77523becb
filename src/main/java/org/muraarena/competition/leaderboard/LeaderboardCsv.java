package org.muraarena.competition.leaderboard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.muraarena.core.BodyPart;
import org.muraarena.scoring.Metrics;

/**
 * The board as CSV (RFC 4180: a header line, CRLF line ends, fields holding a comma, quote, CR or
 * LF quoted with quotes doubled), one line per entry: team rows, then the reference readers, told
 * apart by {@code kind}. Every value of the JSON entry, under the JSON's name; a pair {@code x: [lo,
 * hi]} becomes {@code x_lo, x_hi}; {@code by_type} becomes {@code kappa_XR_ELBOW} … (the per-type
 * kappa, the only per-type value a team row has). Numbers are written as the JSON writes them (Java's
 * shortest round-trip form), so both read back to the same doubles; an undefined value is an empty
 * field. Text is written verbatim, as the JSON holds it.
 */
final class LeaderboardCsv {
    static final String MEDIA_TYPE = "text/csv; charset=utf-8; header=present";
    private static final String CRLF = "\r\n";

    private LeaderboardCsv() {
    }

    /** The header: the columns in order. */
    static List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("kind", "rank", "team", "teamId", "reader", "model", "submissionId",
                "kappa", "kappa_ci_lo", "kappa_ci_hi", "kappa_ci_official_lo", "kappa_ci_official_hi",
                "auroc", "auroc_ci_lo", "auroc_ci_hi"));
        for (BodyPart part : BodyPart.values()) {
            columns.add("kappa_" + part.name());
        }
        columns.addAll(List.of("provider", "submittedAt", "rank_ci_lo", "rank_ci_hi", "p_vs_next", "group"));
        return columns;
    }

    static byte[] write(Leaderboard board) {
        StringBuilder out = new StringBuilder(256 * (board.entries() + 1));
        line(out, new ArrayList<>(columns()));
        for (Leaderboard.Row r : board.rows()) {
            List<Object> f = new ArrayList<>(List.of("team"));
            f.addAll(java.util.Arrays.asList(r.rank(), r.team(), r.teamId(), null, r.model(), r.submissionId(), r.kappa()));
            pair(f, r.kappaCi());
            pair(f, r.kappaCiOfficial());
            f.add(r.auroc());
            pair(f, r.aurocCi());
            for (BodyPart part : BodyPart.values()) {
                var kappa = r.byType() == null ? null : r.byType().get(part.name());
                f.add(kappa == null ? null : kappa.kappa());
            }
            f.add(r.provider());
            f.add(r.submittedAt());
            spread(f, r.rankCi(), r.pVsNext(), r.group());
            line(out, f);
        }
        for (Leaderboard.Reference r : board.references()) {
            List<Object> f = new ArrayList<>(List.of("reference"));
            f.addAll(java.util.Arrays.asList(null, null, null, r.reader(), null, null, r.kappa()));
            pair(f, r.kappaCi());
            pair(f, null);
            f.add(null);
            pair(f, null);
            Map<BodyPart, Metrics> byType = r.byType();
            for (BodyPart part : BodyPart.values()) {
                Metrics m = byType == null ? null : byType.get(part);
                f.add(m == null ? null : m.kappa());
            }
            f.add(null);
            f.add(null);
            spread(f, r.rankCi(), r.pVsNext(), r.group());
            line(out, f);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void pair(List<Object> fields, List<Double> pair) {
        fields.add(pair == null || pair.size() != 2 ? null : pair.get(0));
        fields.add(pair == null || pair.size() != 2 ? null : pair.get(1));
    }

    private static void spread(List<Object> fields, List<Double> rankCi, Double pVsNext, Integer group) {
        pair(fields, rankCi);
        fields.add(pVsNext);
        fields.add(group);
    }

    private static void line(StringBuilder out, List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append(CRLF);
    }

    /** One field: empty for null, the shortest round-trip form for a double, quoted when it must be. */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Double d ? (d.isNaN() || d.isInfinite() ? "" : Double.toString(d)) : value.toString();
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}

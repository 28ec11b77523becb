package org.muraarena.http.pages;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.muraarena.competition.submission.ComputeBudget;
import org.muraarena.core.BodyPart;
import org.muraarena.core.Compute;
import org.muraarena.core.FailureClass;

/**
 * How the pages write numbers, dates and names ({@code {fmt:ci(row.kappa, row.kappaCi)}}), so
 * that templates hold no formatting and every page writes a metric the same way: three decimals,
 * an en dash in intervals, an em dash for an undefined value.
 */
@TemplateExtension(namespace = "fmt")
public final class Formats {
    static final String MISSING = "—";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /**
     * {@code 0.705}, or an em dash when undefined. Negatives get a true minus sign (U+2212): next
     * to an interval's en dash a hyphen would make {@code [-0.349–1.000]} hard to read.
     */
    static String num(Double value) {
        if (value == null || value.isNaN()) {
            return MISSING;
        }
        String text = String.format(Locale.ROOT, "%.3f", value);
        return text.startsWith("-") ? (text.equals("-0.000") ? "0.000" : "\u2212" + text.substring(1)) : text;
    }

    /** {@code [0.700–0.710]}, or an empty string when there is no interval. */
    static String interval(List<Double> ci) {
        return ci == null || ci.size() != 2 ? "" : "[" + num(ci.get(0)) + "–" + num(ci.get(1)) + "]";
    }

    /** {@code 0.705 [0.700–0.710]}: a value with its interval, or the value alone when there is none. */
    static String ci(Double value, List<Double> ci) {
        String interval = value == null ? "" : interval(ci);
        return interval.isEmpty() ? num(value) : num(value) + " " + interval;
    }

    /** A count, or an em dash when undefined. */
    static String count(Integer value) {
        return value == null ? MISSING : Integer.toString(value);
    }

    /** A leaderboard group number, or an em dash for an entry without statistics. */
    static String group(Integer group) {
        return group == null ? MISSING : Integer.toString(group);
    }

    /** {@code 2026-03-14}, in UTC. */
    static String date(Instant instant) {
        return instant == null ? MISSING : DAY.format(instant);
    }

    /** {@code 2026-03-14 09:26 UTC}. */
    static String time(Instant instant) {
        return instant == null ? MISSING : MINUTE.format(instant);
    }

    /** {@code 09:26:05 UTC}: heartbeats and leases, where seconds matter. */
    static String clock(Instant instant) {
        return instant == null ? MISSING : SECOND.format(instant);
    }

    /** {@code 2 d 4 h}, {@code 3 h 12 min}, {@code 5 min 3 s}: a countdown's remaining time, two units at most. */
    static String duration(java.time.Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        return minutes > 0 ? minutes + " min " + s % 60 + " s" : s % 60 + " s";
    }

    /** The short column header of a study type: {@code XR_ELBOW} → {@code Elbow}. */
    static String part(BodyPart part) {
        String name = part.name().substring("XR_".length());
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    /** A submission kind as people read it: {@code ONNX}, {@code container}. */
    static String kind(String kind) {
        return "CONTAINER".equals(kind) ? "container" : kind;
    }

    /** A failure class code ({@code TIME_LIMIT}) in the words teams see ({@code time limit}). */
    static String failure(String failureClass) {
        try {
            return FailureClass.valueOf(failureClass).label();
        } catch (IllegalArgumentException | NullPointerException e) {
            return failureClass == null ? MISSING : failureClass;
        }
    }

    /** The first 12 hex digits of a content hash: enough to tell uploads apart at a glance. */
    static String hash(String sha256) {
        return sha256 == null ? MISSING : sha256.substring(0, Math.min(12, sha256.length()));
    }

    /** {@code 43.1 MB}: decimal units, one decimal. */
    static String bytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** {@code 12.34 s} of compute, or an em dash when not measured. */
    static String seconds(Double seconds) {
        return seconds == null ? MISSING : String.format(Locale.ROOT, "%.2f s", seconds);
    }

    /** {@code used 12.34 s CPU} or {@code used 12.34 s CPU, 5.00 s GPU}. */
    static String compute(Compute compute) {
        return "used " + seconds(compute.cpuSeconds()) + " CPU" + (compute.gpuSeconds() == null ? "" : ", " + seconds(compute.gpuSeconds()) + " GPU");
    }

    /** {@code 1.234 h} of compute (from seconds), or an em dash when not measured. */
    static String hours(Double seconds) {
        return seconds == null ? MISSING : String.format(Locale.ROOT, "%.3f h", seconds / 3600);
    }

    /** A team's compute budget, {@code 2.5 CPU hours}. */
    static String budget(Double hours) {
        return hours == null ? MISSING : ComputeBudget.describe(hours);
    }

    /** {@code 42%} (a share in [0, 1] or beyond), or an em dash when there is none. */
    static String percent(Double share) {
        return share == null ? MISSING : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** A run status as people read it: {@code SUCCEEDED} → {@code succeeded}; none yet → {@code not started}. */
    static String status(String status) {
        return status == null ? "not started" : status.toLowerCase(Locale.ROOT);
    }
}

package org.muraarena.core;

import java.util.Locale;

/** How the probabilities of a study's images become the study's probability. */
public enum Aggregation {
    MEAN, MAX;

    public double apply(double[] values) {
        double result = this == MAX ? Double.NEGATIVE_INFINITY : 0;
        for (double v : values) {
            result = this == MAX ? Math.max(result, v) : result + v;
        }
        return this == MAX ? result : result / values.length;
    }

    /** Parses {@code mean} or {@code max}, as manifests and the CLI spell them. */
    public static Aggregation parse(String name) {
        for (Aggregation a : values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("aggregation must be mean or max, got '" + name + "'");
    }
}

package org.muraarena.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} pairs of a command line; unknown or repeated names are refused. */
public final class Options {
    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    public static Options parse(String[] args, String... known) {
        Set<String> allowed = Set.of(known);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !allowed.contains(arg.substring(2))) {
                throw new IllegalArgumentException("unknown argument '" + arg + "' (known: --" + String.join(", --", known) + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            if (values.put(arg.substring(2), args[++i]) != null) {
                throw new IllegalArgumentException(arg + " is given twice");
            }
        }
        return new Options(values);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int intValue(String name, int fallback) {
        return (int) longValue(name, fallback);
    }

    public long longValue(String name, long fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    /** A positive whole number, or the fallback when absent. */
    public int positive(String name, int fallback) {
        long value = longValue(name, fallback);
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + name + " must be a positive whole number, got '" + values.get(name) + "'");
        }
        return (int) value;
    }
}

package org.muraarena.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@code --name value} pairs of a command line; unknown or repeated names are refused. */
public final class Options {
    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    public static Options parse(String[] args, String... known) {
        return parse(args, Set.of(), known);
    }

    /** Like {@link #parse(String[], String...)}, with {@code flags}: names that take no value ({@link #flag}). */
    public static Options parse(String[] args, Set<String> flags, String... known) {
        Set<String> allowed = Set.of(known);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            if (!allowed.contains(name) && !flags.contains(name)) {
                List<String> all = new ArrayList<>(List.of(known));
                all.addAll(new TreeSet<>(flags));
                throw new IllegalArgumentException("unknown argument '" + arg + "' (known: --" + String.join(", --", all) + ")");
            }
            if (!flags.contains(name) && i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            if (values.put(name, flags.contains(name) ? "true" : args[++i]) != null) {
                throw new IllegalArgumentException(arg + " is given twice");
            }
        }
        return new Options(values);
    }

    /** Whether a flag (a name without a value) was given. */
    public boolean flag(String name) {
        return values.containsKey(name);
    }

    /** A value that may be absent. */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
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

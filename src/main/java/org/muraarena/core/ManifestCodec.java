package org.muraarena.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one codec of the manifest: {@link #parse} validates the JSON a team uploads, collecting every
 * problem so that one answer can list them all (unknown fields are problems too: a typo must not
 * silently fall back to a default); {@link #toJson} writes the canonical form that parses back to
 * an equal record.
 */
public final class ManifestCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_SIDE = 2048;

    private ManifestCodec() {
    }

    /** A manifest that cannot be used, with each problem on its own line. */
    public static final class InvalidManifestException extends Exception {
        private final List<String> problems;

        public InvalidManifestException(List<String> problems) {
            super("invalid manifest: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Every field written, defaults included; null names are left out (they mean "the only one"). */
    public static String toJson(Manifest m) {
        ObjectNode root = JSON.createObjectNode().put("name", m.name())
                .put("kind", m.kind().name().toLowerCase(Locale.ROOT))
                .put("aggregation", m.aggregation().name().toLowerCase(Locale.ROOT));
        if (m.kind() == Manifest.Kind.CONTAINER) {
            return root.put("gpu", m.gpu()).toString();
        }
        Manifest.Input in = m.input();
        ObjectNode input = root.putObject("input").put("layout", in.layout().name()).put("channels", in.channels())
                .put("height", in.height()).put("width", in.width()).put("scale", in.scale())
                .put("resize", in.resize().name().toLowerCase(Locale.ROOT));
        if (in.name() != null) {
            input.put("name", in.name());
        }
        in.mean().forEach(input.putArray("mean")::add);
        in.std().forEach(input.putArray("std")::add);
        ObjectNode output = root.putObject("output").put("type", m.output().type().name().toLowerCase(Locale.ROOT))
                .put("index", m.output().index());
        if (m.output().name() != null) {
            output.put("name", m.output().name());
        }
        return root.put("gpu", m.gpu()).toString();
    }

    public static Manifest parse(String text) throws InvalidManifestException {
        JsonNode root;
        try {
            root = JSON.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException(List.of("manifest is not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidManifestException(List.of("manifest must be a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        Fields top = new Fields(root, "", problems, Set.of("name", "kind", "input", "output", "aggregation", "gpu"));
        String name = top.text("name", null);
        if (name == null && !root.hasNonNull("name")) {
            problems.add("name is required");
        } else if (name != null && !NAME.matcher(name).matches()) {
            problems.add("name must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Manifest.Kind kind = top.choice("kind", Manifest.Kind.class, Manifest.Kind.ONNX);
        Aggregation aggregation = top.choice("aggregation", Aggregation.class, Aggregation.MEAN);
        boolean gpu = top.bool("gpu", false);
        Manifest.Input input = Manifest.DEFAULT_INPUT;
        Manifest.Output output = Manifest.DEFAULT_OUTPUT;
        if (kind == Manifest.Kind.CONTAINER) {
            if (root.has("input") || root.has("output")) {
                problems.add("input and output apply to ONNX submissions only");
            }
        } else {
            input = input(top.object("input"), problems);
            output = output(top.object("output"), problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return new Manifest(name, kind, input, output, aggregation, gpu);
    }

    private static Manifest.Input input(JsonNode node, List<String> problems) {
        Manifest.Input d = Manifest.DEFAULT_INPUT;
        if (node == null) {
            return d;
        }
        Fields f = new Fields(node, "input.", problems,
                Set.of("name", "layout", "channels", "height", "width", "scale", "mean", "std", "resize"));
        int channels = f.integer("channels", d.channels(), 1, 3);
        if (channels == 2) {
            problems.add("input.channels must be 1 or 3");
        }
        int height = f.integer("height", d.height(), 8, MAX_SIDE);
        int width = f.integer("width", d.width(), 8, MAX_SIDE);
        double scale = f.number("scale", d.scale());
        if (!(scale > 0)) {
            problems.add("input.scale must be above 0");
        }
        List<Double> mean = f.numbers("mean", channels == 1 ? d.mean().subList(0, 1) : d.mean(), channels, false);
        List<Double> std = f.numbers("std", channels == 1 ? d.std().subList(0, 1) : d.std(), channels, true);
        return new Manifest.Input(f.text("name", null), f.choice("layout", Manifest.Layout.class, d.layout()),
                channels, height, width, scale, mean, std, f.choice("resize", Manifest.Resize.class, d.resize()));
    }

    private static Manifest.Output output(JsonNode node, List<String> problems) {
        Manifest.Output d = Manifest.DEFAULT_OUTPUT;
        if (node == null) {
            return d;
        }
        Fields f = new Fields(node, "output.", problems, Set.of("name", "type", "index"));
        return new Manifest.Output(f.text("name", null), f.choice("type", Manifest.OutputType.class, d.type()),
                f.integer("index", d.index(), 0, 1_000_000));
    }

    /** Typed access to one JSON object's fields; each wrong field adds a problem and yields its default. */
    private record Fields(JsonNode node, String prefix, List<String> problems, Set<String> known) {
        Fields {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!known.contains(field)) {
                    problems.add("unknown field " + prefix + field);
                }
            }
        }

        private JsonNode present(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value;
        }

        String text(String field, String fallback) {
            JsonNode v = present(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                problems.add(prefix + field + " must be a non-empty string");
                return fallback;
            }
            return v.asText();
        }

        <E extends Enum<E>> E choice(String field, Class<E> type, E fallback) {
            JsonNode v = present(field);
            if (v == null) {
                return fallback;
            }
            for (E e : type.getEnumConstants()) {
                if (v.isTextual() && e.name().equalsIgnoreCase(v.asText())) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(type == Manifest.Layout.class ? e.name() : e.name().toLowerCase(Locale.ROOT));
            }
            problems.add(prefix + field + " must be one of " + String.join("|", names) + ", got " + v);
            return fallback;
        }

        boolean bool(String field, boolean fallback) {
            JsonNode v = present(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isBoolean()) {
                problems.add(prefix + field + " must be true or false");
                return fallback;
            }
            return v.asBoolean();
        }

        int integer(String field, int fallback, int min, int max) {
            JsonNode v = present(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
                problems.add(prefix + field + " must be a whole number from " + min + " to " + max + ", got " + v);
                return fallback;
            }
            return v.asInt();
        }

        double number(String field, double fallback) {
            JsonNode v = present(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                problems.add(prefix + field + " must be a number, got " + v);
                return fallback;
            }
            return v.asDouble();
        }

        List<Double> numbers(String field, List<Double> fallback, int size, boolean positive) {
            JsonNode v = present(field);
            if (v == null) {
                return fallback;
            }
            List<Double> values = new ArrayList<>();
            if (v.isArray() && v.size() == size) {
                v.forEach(x -> {
                    if (x.isNumber() && Double.isFinite(x.asDouble()) && (!positive || x.asDouble() > 0)) {
                        values.add(x.asDouble());
                    }
                });
            }
            if (values.size() != size) {
                problems.add(prefix + field + " must be " + size + (positive ? " positive" : "")
                        + " number(s), one per channel, got " + v);
                return fallback;
            }
            return values;
        }

        JsonNode object(String field) {
            JsonNode v = present(field);
            if (v != null && !v.isObject()) {
                problems.add(prefix + field + " must be an object");
                return null;
            }
            return v;
        }
    }
}

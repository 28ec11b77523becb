package org.muraarena.http.pages;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.muraarena.core.BodyPart;

/**
 * One row of a metrics table, read from a stored {@code metrics} object (the score command's JSON
 * shape), so that templates see typed fields rather than JSON. Undefined values stay null.
 */
public record Scores(String label, Integer n, Double kappa, List<Double> kappaCi, Double auroc, List<Double> aurocCi,
                     Double sensitivity, Double specificity) {

    /** Overall, then the seven types in their fixed order; empty when there are no metrics yet. */
    public static List<Scores> table(JsonNode metrics) {
        if (metrics == null || metrics.isNull()) {
            return List.of();
        }
        List<Scores> rows = new ArrayList<>();
        rows.add(of("All studies", metrics.get("overall")));
        rows.addAll(byType(metrics.get("by_type")));
        return rows;
    }

    /** The seven types in enum order, each labelled with its short name. */
    public static List<Scores> byType(JsonNode byType) {
        List<Scores> rows = new ArrayList<>();
        for (BodyPart part : BodyPart.values()) {
            rows.add(of(Formats.part(part), byType == null ? null : byType.get(part.name())));
        }
        return rows;
    }

    /** The overall row alone, or null when there are no metrics. */
    public static Scores overall(JsonNode metrics) {
        return metrics == null || metrics.isNull() ? null : of("All studies", metrics.get("overall"));
    }

    static Scores of(String label, JsonNode m) {
        if (m == null || m.isNull()) {
            return new Scores(label, null, null, null, null, null, null, null);
        }
        JsonNode n = m.get("n");
        return new Scores(label, n == null || n.isNull() ? null : n.asInt(), number(m, "kappa"), pair(m, "kappa_ci"),
                number(m, "auroc"), pair(m, "auroc_ci"), number(m, "sensitivity"), number(m, "specificity"));
    }

    private static Double number(JsonNode m, String field) {
        JsonNode v = m.get(field);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }

    private static List<Double> pair(JsonNode m, String field) {
        JsonNode v = m.get(field);
        return v == null || !v.isArray() || v.size() != 2 ? null : List.of(v.get(0).asDouble(), v.get(1).asDouble());
    }
}

package org.muraarena.scoring.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.muraarena.core.BodyPart;
import org.muraarena.scoring.Metrics;
import org.muraarena.scoring.ScoreReport;

/**
 * The JSON shape of a score report, shared by the {@code score} command and every {@code metrics}
 * object of the REST API (DESIGN.md): {@code overall}, {@code by_type} with all seven parts, and
 * {@code references} when the truth had non-gold readers. Undefined values are JSON null.
 */
public final class ScoreJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScoreJson() {
    }

    public static ObjectNode toJson(ScoreReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("overall", metrics(report.overall()));
        root.set("by_type", byType(report.byType()));
        if (!report.references().isEmpty()) {
            ArrayNode references = root.putArray("references");
            for (ScoreReport.ReaderScore reader : report.references()) {
                ObjectNode row = references.addObject();
                row.put("reader", reader.reader());
                row.set("overall", metrics(reader.overall()));
                row.set("by_type", byType(reader.byType()));
            }
        }
        return root;
    }

    private static ObjectNode byType(Map<BodyPart, Metrics> byType) {
        ObjectNode node = MAPPER.createObjectNode();
        for (BodyPart part : BodyPart.values()) {
            node.set(part.name(), metrics(byType.get(part)));
        }
        return node;
    }

    static ObjectNode metrics(Metrics m) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("n", m.n());
        node.put("kappa", m.kappa());
        interval(node, "kappa_ci", m.kappaCi());
        interval(node, "kappa_ci_official", m.kappaCiOfficial());
        node.put("auroc", m.auroc());
        interval(node, "auroc_ci", m.aurocCi());
        node.put("sensitivity", m.sensitivity());
        node.put("specificity", m.specificity());
        return node;
    }

    private static void interval(ObjectNode node, String field, double[] interval) {
        if (interval == null) {
            node.putNull(field);
        } else {
            node.putArray(field).add(interval[0]).add(interval[1]);
        }
    }
}

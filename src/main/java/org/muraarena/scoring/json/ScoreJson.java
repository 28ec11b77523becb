package org.muraarena.scoring.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.muraarena.scoring.Metrics;
import org.muraarena.scoring.ScoreReport;

/**
 * The one JSON codec of {@link ScoreReport}, shared by the {@code score} command, the stored
 * {@code result.metrics} column and every {@code metrics} object of the REST API (docs/DESIGN.md):
 * {@code overall}, {@code by_type} with all seven parts in order, and {@code references} only when
 * the truth had non-gold readers; snake_case keys; undefined values are JSON null.
 *
 * <p>The shape is attached with Jackson mix-ins rather than annotations on the records, so that
 * scoring's types stay plain Java; {@link #configure} adds them to any mapper (this codec's own,
 * and the HTTP layer's, so that API bodies and stored rows are written alike).
 */
public final class ScoreJson {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private ScoreJson() {
    }

    /** Teaches {@code mapper} the score report's shape; returns it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.addMixIn(ScoreReport.class, ReportShape.class)
                .addMixIn(ScoreReport.ReaderScore.class, SnakeCase.class)
                .addMixIn(Metrics.class, SnakeCase.class);
    }

    /** Compact JSON, as stored. */
    public static String write(ScoreReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a score report is always writable", e);
        }
    }

    /** Indented JSON, as the score command prints it. */
    public static String writePretty(ScoreReport report) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a score report is always writable", e);
        }
    }

    /** Reads what {@link #write} wrote (or the score command printed). */
    public static ScoreReport read(String json) {
        try {
            return MAPPER.readValue(json, ScoreReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a score report: " + e.getOriginalMessage(), e);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    private abstract static class SnakeCase {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    private abstract static class ReportShape {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        abstract List<ScoreReport.ReaderScore> references();
    }
}

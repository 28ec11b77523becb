package org.muraarena.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What a run's explanation step wrote beside its PNGs, {@code explanations.json}, and its one codec
 * (snake_case keys; {@code correlation} and {@code reason} may be null).
 *
 * @param grid patch positions per side of each occlusion map
 * @param seconds wall-clock time of the whole step
 * @param reliable the sanity check passed: randomising the last layer changed the first map
 *        (correlation of the two maps' absolute values at most {@link #MAX_CORRELATION})
 * @param correlation that Pearson correlation, null when it could not be computed
 * @param reason why {@code reliable} is false (null when it is true)
 */
public record ExplanationReport(int grid, double seconds, boolean reliable, Double correlation, String reason,
        List<Item> items) {
    public static final String FILE = "explanations.json";
    /** Above this the map barely depends on the learnt last layer (Adebayo et al. 2018). */
    public static final double MAX_CORRELATION = 0.8;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ExplanationReport {
        items = List.copyOf(items);
    }

    /**
     * One explained study ({@link ExplanationPick}'s fields) and its files.
     *
     * @param overlay the PNG of the radiograph with the map laid over it, a name in the same folder
     * @param map the PNG of the colour map alone
     * @param width the radiograph's (and both PNGs') width in pixels
     * @param imageProbability the explained image's own probability (the map's base)
     * @param peak the map's largest change in probability, either sign
     * @param values the grid×grid map, row by row: image probability minus the probability with
     *        that patch greyed out (positive: the region supported "abnormal")
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Item(String study, String image, int label, double probability, boolean correct, String overlay,
            String map, int width, int height, double imageProbability, double peak, List<List<Double>> values) {
    }

    public String toJson() {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an explanation report is always writable", e);
        }
    }

    public static ExplanationReport parse(String json) {
        try {
            return MAPPER.readValue(json, ExplanationReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an explanation report: " + e.getOriginalMessage(), e);
        }
    }
}

package org.muraarena.scoring;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.muraarena.core.BodyPart;

/**
 * What scoring a set of predictions yields: all studies, each of the seven body parts (always
 * all seven, in enum order, with n = 0 where a part has no study), and optionally the reference
 * rows of the radiologists who are not part of the gold standard. Its JSON form (the score
 * command's output, the stored {@code metrics} and every API {@code metrics} object) is written
 * and read by {@link org.muraarena.scoring.json.ScoreJson} alone.
 */
public record ScoreReport(Metrics overall, Map<BodyPart, Metrics> byType, List<ReaderScore> references) {

    public ScoreReport {
        byType = parts(byType);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** One non-gold reader's agreement with the gold standard. */
    public record ReaderScore(String reader, Metrics overall, Map<BodyPart, Metrics> byType) {
        public ReaderScore {
            byType = parts(byType);
        }
    }

    /** Body parts always in enum order, so that every JSON form lists them the same way. */
    private static Map<BodyPart, Metrics> parts(Map<BodyPart, Metrics> byType) {
        Map<BodyPart, Metrics> ordered = new EnumMap<>(BodyPart.class);
        ordered.putAll(byType);
        return Collections.unmodifiableMap(ordered);
    }
}

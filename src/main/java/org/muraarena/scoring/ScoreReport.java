package org.muraarena.scoring;

import java.util.List;
import java.util.Map;
import org.muraarena.core.BodyPart;

/**
 * What scoring a set of predictions yields: all studies, each of the seven body parts (always
 * all seven, in enum order, with n = 0 where a part has no study), and optionally the reference
 * rows of the radiologists who are not part of the gold standard.
 */
public record ScoreReport(Metrics overall, Map<BodyPart, Metrics> byType, List<ReaderScore> references) {

    public ScoreReport {
        byType = Map.copyOf(byType);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** One non-gold reader's agreement with the gold standard. */
    public record ReaderScore(String reader, Metrics overall, Map<BodyPart, Metrics> byType) {
        public ReaderScore {
            byType = Map.copyOf(byType);
        }
    }
}

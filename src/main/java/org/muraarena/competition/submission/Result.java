package org.muraarena.competition.submission;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.time.Instant;

/** A versioned score of an evaluation, with the predictions and truth hash it came from. */
@Entity
public class Result extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    public Evaluation evaluation;
    public int version;
    /** The score command's JSON for these predictions. */
    public String metrics;
    /** Image-level predictions, {@code image_path,probability} lines. */
    public String predictions;
    public String truthSha256;
    public Instant createdAt;

    /** The newest version for an evaluation, or null. */
    public static Result latest(Evaluation evaluation) {
        return find("evaluation = ?1 order by version desc", evaluation).firstResult();
    }
}

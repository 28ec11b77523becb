package org.muraarena.competition.submission;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.muraarena.scoring.ScoreReport;

/**
 * A versioned score of an evaluation, with the predictions and truth hash it came from. The
 * report is stored whole as {@code jsonb} (written by {@link ScoreReportFormat}); what queries
 * sort or filter on is copied into typed columns by {@link #score}.
 */
@Entity
public class Result extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    public Evaluation evaluation;
    public int version;
    /** The score command's report for these predictions; set with {@link #score}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "metrics", columnDefinition = "jsonb")
    public ScoreReport report;
    /** The overall kappa of {@link #report}, or null where undefined. */
    public Double kappa;
    /** The overall AUROC of {@link #report}, or null where undefined. */
    public Double auroc;
    /** Image-level (or study-level) predictions as written by {@code PredictionsCsv}. */
    public String predictions;
    public String truthSha256;
    public Instant createdAt;

    /** Sets the report and the columns copied from it, so that they never disagree. */
    public Result score(ScoreReport scored) {
        this.report = scored;
        this.kappa = scored.overall().kappa();
        this.auroc = scored.overall().auroc();
        return this;
    }

    /** The newest version for an evaluation, or null. */
    public static Result latest(Evaluation evaluation) {
        return find("evaluation = ?1 order by version desc", evaluation).firstResult();
    }
}

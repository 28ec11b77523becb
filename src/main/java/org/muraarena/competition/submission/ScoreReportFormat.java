package org.muraarena.competition.submission;

import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.json.ScoreJson;

/**
 * Hibernate's JSON format for this persistence unit: score reports (the one JSON column) through
 * their own codec, so that a stored row has exactly the score command's shape.
 */
@JsonFormat
@PersistenceUnitExtension
public class ScoreReportFormat implements FormatMapper {

    @Override
    public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
        return type.getJavaTypeClass().cast(ScoreJson.read(text.toString()));
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
        if (!(value instanceof ScoreReport report)) {
            throw new IllegalArgumentException("only score reports are stored as JSON, not " + type.getJavaTypeClass());
        }
        return ScoreJson.write(report);
    }
}

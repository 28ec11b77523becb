package org.muraarena.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.muraarena.scoring.json.ScoreJson;

/** API bodies write score reports (every {@code metrics} object) in the score command's shape. */
@Singleton
public class ScoreJsonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        ScoreJson.configure(mapper);
    }
}

package org.muraarena.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.muraarena.core.Refusal;

class ApiExceptionMapperTest {

    @Test
    void eachRefusalKindHasItsOneStatus() {
        assertEquals(404, ApiExceptionMapper.status(new Refusal.NotFound("submission 7")));
        assertEquals(400, ApiExceptionMapper.status(new Refusal.InvalidInput("bad", List.of("a", "b"))));
        assertEquals(409, ApiExceptionMapper.status(new Refusal.Conflict("tagged already")));
        assertEquals(413, ApiExceptionMapper.status(new Refusal.ArtifactTooLarge("too big")));
        assertEquals(429, ApiExceptionMapper.status(new Refusal.QuotaExceeded("spent", Duration.ofHours(3))));
        assertEquals(401, ApiExceptionMapper.status(new Refusal.Unauthenticated()));
        assertEquals(403, ApiExceptionMapper.status(new Refusal.Forbidden("organizer only")));
    }
}

package org.muraarena.competition.calendar;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.muraarena.core.Refusal;

class CompetitionCalendarTest {
    private static final Instant OPENS = Instant.parse("2027-01-10T09:00:00Z");
    private static final Instant CLOSES = Instant.parse("2027-03-01T00:00:00Z");

    private static CompetitionCalendar at(String now, Optional<Instant> opens, Optional<Instant> closes) {
        return new CompetitionCalendar(Clock.fixed(Instant.parse(now), ZoneOffset.UTC), opens, closes, "t", "d");
    }

    @Test
    void beforeItOpensUploadsAndTagsAreRefusedNamingTheOpening() {
        CompetitionCalendar calendar = at("2027-01-10T08:59:59Z", Optional.of(OPENS), Optional.of(CLOSES));
        assertEquals(new CompetitionCalendar.Phase(CompetitionCalendar.State.NOT_OPEN, OPENS), calendar.now());
        Refusal.Forbidden refused = assertThrows(Refusal.Forbidden.class, calendar::requireOpen);
        assertEquals("the competition opens at 2027-01-10T09:00:00Z", refused.getMessage());
    }

    @Test
    void fromTheOpeningToTheClosingItIsOpenAndCountsDownToTheClose() {
        CompetitionCalendar calendar = at("2027-01-10T09:00:00Z", Optional.of(OPENS), Optional.of(CLOSES));
        assertEquals(new CompetitionCalendar.Phase(CompetitionCalendar.State.OPEN, CLOSES), calendar.now());
        assertDoesNotThrow(calendar::requireOpen);
        assertDoesNotThrow(at("2027-02-28T23:59:59Z", Optional.of(OPENS), Optional.of(CLOSES))::requireOpen);
    }

    @Test
    void atTheClosingInstantItIsClosed() {
        CompetitionCalendar calendar = at("2027-03-01T00:00:00Z", Optional.of(OPENS), Optional.of(CLOSES));
        assertEquals(CompetitionCalendar.State.CLOSED, calendar.now().state());
        Refusal.Forbidden refused = assertThrows(Refusal.Forbidden.class, calendar::requireOpen);
        assertEquals("the competition closed at 2027-03-01T00:00:00Z", refused.getMessage());
    }

    @Test
    void withoutACalendarItIsAlwaysOpenWithNothingToCountDownTo() {
        CompetitionCalendar calendar = at("2030-01-01T00:00:00Z", Optional.empty(), Optional.empty());
        assertEquals(CompetitionCalendar.State.OPEN, calendar.now().state());
        assertNull(calendar.now().until());
        assertDoesNotThrow(calendar::requireOpen);
    }

    @Test
    void anOpeningThatIsNotBeforeTheClosingIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> at("2027-01-01T00:00:00Z", Optional.of(CLOSES), Optional.of(OPENS)));
        assertEquals("arena.competition.opens-at (2027-03-01T00:00:00Z) must come before arena.competition.closes-at (2027-01-10T09:00:00Z)",
                e.getMessage());
    }
}

package org.muraarena.http.pages;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;
import java.time.Duration;
import java.time.Instant;
import org.muraarena.competition.calendar.CompetitionCalendar;

/** What every page shows of the competition: its title and, when it has a calendar, a countdown. */
@TemplateGlobal
public class CompetitionGlobals {
    private CompetitionGlobals() {
    }

    /** A countdown to the next change of the competition's state; arena.js keeps it ticking. */
    public record Countdown(String state, String text, String until) {
    }

    static String competitionTitle() {
        return calendar().title();
    }

    static String competitionDescription() {
        return calendar().description();
    }

    /** Null when the competition neither opens nor closes at a set time. */
    static Countdown countdown() {
        CompetitionCalendar.Phase phase = calendar().now();
        if (phase.until() == null) {
            return null;
        }
        String in = Formats.duration(Duration.between(Instant.now(), phase.until()));
        return switch (phase.state()) {
            case NOT_OPEN -> new Countdown("not-open", "Opens in " + in + " (" + phase.until() + ")", phase.until().toString());
            case OPEN -> new Countdown("open", "Closes in " + in + " (" + phase.until() + ")", phase.until().toString());
            case CLOSED -> new Countdown("closed", "Closed at " + phase.until() + ": uploads and tags are over", phase.until().toString());
        };
    }

    /** The freeze as the organizer page tells it, or null when the competition has none. */
    public record Freeze(boolean frozen, String text) {
    }

    static Freeze freeze() {
        CompetitionCalendar calendar = calendar();
        if (calendar.freezeAt().isEmpty()) {
            return null;
        }
        Instant at = calendar.freezeAt().get();
        if (Instant.now().isBefore(at)) {
            return new Freeze(false, "The public board freezes at " + at + ": from then on teams and visitors see it as it stood then, until you publish.");
        }
        return calendar.frozenAt().isPresent()
                ? new Freeze(true, "The public board is frozen at " + at + ": teams and visitors see it as it stood then; you see it live.")
                : new Freeze(false, "The board was frozen at " + at + " and has been published: everyone sees it live.");
    }

    private static CompetitionCalendar calendar() {
        return Arc.container().instance(CompetitionCalendar.class).get();
    }
}

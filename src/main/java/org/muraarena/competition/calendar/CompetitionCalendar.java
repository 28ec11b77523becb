package org.muraarena.competition.calendar;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.Refusal;

/**
 * When the competition takes uploads and tags ({@code arena.competition.opens-at} to
 * {@code closes-at}), and what the pages say of it. Outside the window both are refused with 403
 * and a message naming the instant.
 */
@ApplicationScoped
public class CompetitionCalendar {
    /** Where the competition stands at an instant, and the next instant that changes it (null: none). */
    public record Phase(State state, Instant until) {
    }

    public enum State {
        NOT_OPEN, OPEN, CLOSED
    }

    private final Clock clock;
    private final Optional<Instant> opensAt;
    private final Optional<Instant> closesAt;
    private final String title;
    private final String description;
    private final Optional<Instant> freezeAt;

    @Inject
    public CompetitionCalendar(Clock clock, ArenaConfig config) {
        this(clock, config.competition().opensAt(), config.competition().closesAt(), config.competition().title(),
                config.competition().description(), config.competition().freezeAt());
    }

    CompetitionCalendar(Clock clock, Optional<Instant> opensAt, Optional<Instant> closesAt, String title, String description) {
        this(clock, opensAt, closesAt, title, description, Optional.empty());
    }

    CompetitionCalendar(Clock clock, Optional<Instant> opensAt, Optional<Instant> closesAt, String title, String description,
                        Optional<Instant> freezeAt) {
        if (opensAt.isPresent() && closesAt.isPresent() && !opensAt.get().isBefore(closesAt.get())) {
            throw new IllegalArgumentException("arena.competition.opens-at (" + opensAt.get()
                    + ") must come before arena.competition.closes-at (" + closesAt.get() + ")");
        }
        this.clock = clock;
        this.opensAt = opensAt;
        this.closesAt = closesAt;
        this.title = title;
        this.description = description;
        this.freezeAt = freezeAt;
    }

    /** When the public board freezes, if it does. */
    public Optional<Instant> freezeAt() {
        return freezeAt;
    }

    /**
     * The instant the public board shows, while it is frozen: the freeze, once it has come and until an
     * organizer publishes at or after it; empty when the board is live. Reads the database.
     */
    public Optional<Instant> frozenAt() {
        if (freezeAt.isEmpty() || clock.instant().isBefore(freezeAt.get())) {
            return Optional.empty();
        }
        Instant published = QuarkusTransaction.requiringNew().call(() -> CompetitionState.current().publishedAt);
        return published != null && !published.isBefore(freezeAt.get()) ? Optional.empty() : freezeAt;
    }

    /**
     * Lifts the freeze for everyone, in the caller's transaction.
     *
     * @throws Refusal.Conflict before the freeze, or when published already
     */
    public Instant publish(String actor) {
        Instant now = clock.instant();
        if (freezeAt.isEmpty() || now.isBefore(freezeAt.get())) {
            throw new Refusal.Conflict(freezeAt.map(f -> "the board freezes at " + f + "; there is nothing to publish yet")
                    .orElse("the board has no freeze (arena.competition.freeze-at); there is nothing to publish"));
        }
        CompetitionState state = CompetitionState.findById(1, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (state.publishedAt != null && !state.publishedAt.isBefore(freezeAt.get())) {
            throw new Refusal.Conflict("the board was published at " + state.publishedAt + " by " + state.publishedBy);
        }
        state.publishedAt = now;
        state.publishedBy = actor;
        return now;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** Where the competition stands now. */
    public Phase now() {
        Instant now = clock.instant();
        if (opensAt.isPresent() && now.isBefore(opensAt.get())) {
            return new Phase(State.NOT_OPEN, opensAt.get());
        }
        if (closesAt.isPresent() && !now.isBefore(closesAt.get())) {
            return new Phase(State.CLOSED, closesAt.get());
        }
        return new Phase(State.OPEN, closesAt.orElse(null));
    }

    /**
     * Before: an upload or a tag is about to be taken. After: nothing, if the competition is open.
     *
     * @throws Refusal.Forbidden outside the window, naming when it opens or when it closed
     */
    public void requireOpen() {
        Phase phase = now();
        switch (phase.state()) {
            case NOT_OPEN -> throw new Refusal.Forbidden("the competition opens at " + phase.until());
            case CLOSED -> throw new Refusal.Forbidden("the competition closed at " + phase.until());
            default -> {
            }
        }
    }
}

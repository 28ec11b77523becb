package org.muraarena.competition.team;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.muraarena.competition.audit.AuditEntry;
import java.time.Clock;
import org.muraarena.core.Refusal;

/** Creates teams and their tokens. */
@ApplicationScoped
public class TeamService {
    private final Clock clock;

    public TeamService(Clock clock) {
        this.clock = clock;
    }

    /** A new team and its token, which exists only in this answer. */
    public record Created(Team team, String token) {
    }

    /** @throws Refusal.InvalidInput for a bad name, Refusal.Conflict for a taken one */
    @Transactional
    public Created create(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 64 || clean.chars().anyMatch(Character::isISOControl)) {
            throw new Refusal.InvalidInput("name must be 1–64 printable characters");
        }
        if (Team.byName(clean) != null) {
            throw new Refusal.Conflict("a team named '" + clean + "' exists already");
        }
        Team team = new Team();
        team.name = clean;
        String token = Tokens.newToken();
        team.tokenHash = Tokens.hash(token);
        team.createdAt = clock.instant();
        team.persist();
        AuditEntry.record(team.createdAt, "organizer", "create-team", "team " + team.id + " (" + team.name + ")", "");
        return new Created(team, token);
    }
}

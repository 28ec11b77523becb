package org.muraarena.http.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.muraarena.competition.team.Team;
import org.muraarena.competition.team.Tokens;
import org.muraarena.core.ArenaConfig;

/**
 * Server-side page sessions: signing in stores a new one, signing out revokes it. The browser
 * holds only a random id (never a bearer token); the table holds only that id's hash.
 */
@ApplicationScoped
public class PageSessions {
    /** The cookie holding the session id. */
    public static final String COOKIE = "arena_session";

    private final ArenaConfig config;

    public PageSessions(ArenaConfig config) {
        this.config = config;
    }

    /** A new session: the id goes into the cookie once and is never readable again. */
    public record Opened(String id, String csrf) {
    }

    /** A live session: who it belongs to and the token its forms carry. */
    public record Live(Caller caller, String csrf) {
    }

    @Transactional
    public Opened open(Caller caller) {
        String id = Tokens.newToken();
        PageSessionRecord record = new PageSessionRecord();
        record.idHash = Tokens.hash(id);
        record.organizer = caller.organizer();
        record.team = caller.organizer() ? null : Team.findById(caller.team().id);
        record.csrfToken = Tokens.newToken();
        record.createdAt = Instant.now();
        record.expiresAt = record.createdAt.plus(config.sessions().lifetime());
        record.persist();
        return new Opened(id, record.csrfToken);
    }

    /** The session a cookie's id names, if it exists, is not revoked and has not expired. */
    @Transactional
    public Optional<Live> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        PageSessionRecord record = PageSessionRecord.byIdHash(Tokens.hash(id));
        if (record == null || record.revokedAt != null || !Instant.now().isBefore(record.expiresAt)) {
            return Optional.empty();
        }
        Caller caller = record.organizer ? Caller.ORGANIZER : new Caller(record.team, false);
        return Optional.of(new Live(caller, record.csrfToken));
    }

    /** Signing out: the id stops working at once, wherever a copy of the cookie is. */
    @Transactional
    public void revoke(String id) {
        if (id == null || id.isBlank()) {
            return;
        }
        PageSessionRecord record = PageSessionRecord.byIdHash(Tokens.hash(id));
        if (record != null && record.revokedAt == null) {
            record.revokedAt = Instant.now();
        }
    }
}

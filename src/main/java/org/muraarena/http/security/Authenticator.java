package org.muraarena.http.security;

import org.muraarena.competition.team.Tokens;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.muraarena.core.Refusal;
import org.muraarena.core.ArenaConfig;
import org.muraarena.competition.team.Team;

/** Resolves an {@code Authorization: Bearer <token>} header to a caller, or refuses with 401/403. */
@ApplicationScoped
public class Authenticator {
    private final ArenaConfig config;

    public Authenticator(ArenaConfig config) {
        this.config = config;
    }

    @Transactional
    public Caller caller(String authorization) {
        String token = bearer(authorization);
        if (token == null) {
            throw new Refusal.Unauthenticated();
        }
        if (config.adminToken().isPresent() && Tokens.same(token, config.adminToken().get())) {
            return Caller.ORGANIZER;
        }
        Team team = Team.byTokenHash(Tokens.hash(token));
        if (team == null) {
            throw new Refusal.Unauthenticated();
        }
        return new Caller(team, false);
    }

    public Caller organizer(String authorization) {
        Caller caller = caller(authorization);
        if (!caller.organizer()) {
            throw new Refusal.Forbidden("only the organizer may do this");
        }
        return caller;
    }

    /**
     * A worker process fetching artifacts: it holds the workers' shared token
     * ({@code ARENA_WORKER_TOKEN}); the organizer's token is accepted too.
     */
    public void worker(String authorization) {
        String token = bearer(authorization);
        if (token == null) {
            throw new Refusal.Unauthenticated();
        }
        boolean worker = config.worker().token().map(t -> Tokens.same(token, t)).orElse(false);
        boolean organizer = config.adminToken().map(t -> Tokens.same(token, t)).orElse(false);
        if (!worker && !organizer) {
            throw new Refusal.Forbidden("only workers (ARENA_WORKER_TOKEN) and the organizer may fetch artifacts");
        }
    }

    public Team team(String authorization) {
        Caller caller = caller(authorization);
        if (caller.team() == null) {
            throw new Refusal.Forbidden("this call needs a team token, not the organizer's");
        }
        return caller.team();
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}

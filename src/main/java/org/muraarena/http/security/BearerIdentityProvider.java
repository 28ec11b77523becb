package org.muraarena.http.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.muraarena.competition.team.Team;
import org.muraarena.competition.team.Tokens;
import org.muraarena.core.ArenaConfig;

/**
 * A bearer token: the organizer's ({@code ARENA_ADMIN_TOKEN}), the workers' shared one
 * ({@code ARENA_WORKER_TOKEN}), or a team's, found by its SHA-256 (team tokens are never stored).
 * Secrets are compared in constant time.
 */
@ApplicationScoped
public class BearerIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    private final ArenaConfig config;

    public BearerIdentityProvider(ArenaConfig config) {
        this.config = config;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        if (matches(token, config.adminToken().orElse(null))) {
            return Uni.createFrom().item(Identities.organizer().build());
        }
        if (matches(token, config.worker().token().orElse(null))) {
            return Uni.createFrom().item(Identities.worker().build());
        }
        return context.runBlocking(() -> {
            Team team = QuarkusTransaction.requiringNew().call(() -> Team.byTokenHash(Tokens.hash(token)));
            if (team == null) {
                throw new AuthenticationFailedException("unknown bearer token");
            }
            return Identities.team(team).build();
        });
    }

    private static boolean matches(String token, String secret) {
        return secret != null && !secret.isEmpty() && Tokens.same(token, secret);
    }
}

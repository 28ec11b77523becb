package org.muraarena.http.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Signing in to the pages: a team's or the organizer's token opens a page session; a worker's does not. */
@ApplicationScoped
public class SignIn {
    private final IdentityProviderManager identities;
    private final PageSessions sessions;

    public SignIn(IdentityProviderManager identities, PageSessions sessions) {
        this.identities = identities;
        this.sessions = sessions;
    }

    /** A new session for the token's owner, checked exactly as the API checks its bearer header. */
    public Optional<PageSessions.Opened> withToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        SecurityIdentity identity;
        try {
            identity = identities.authenticateBlocking(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")));
        } catch (AuthenticationFailedException e) {
            return Optional.empty();
        }
        Caller caller = Identities.caller(identity);
        return caller == null ? Optional.empty() : Optional.of(sessions.open(caller));
    }
}

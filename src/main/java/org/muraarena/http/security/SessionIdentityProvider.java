package org.muraarena.http.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A page session cookie: the identity of whoever opened the session, with its form token. */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionRequest> {
    private final PageSessions sessions;

    public SessionIdentityProvider(PageSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<SessionRequest> getRequestType() {
        return SessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            PageSessions.Live live = sessions.find(request.sessionId())
                    .orElseThrow(() -> new AuthenticationFailedException("no such page session"));
            QuarkusSecurityIdentity.Builder builder = live.caller().organizer()
                    ? Identities.organizer() : Identities.team(live.caller().team());
            return builder.addAttribute(Identities.CSRF, live.csrf())
                    .addAttribute(Identities.SESSION, request.sessionId()).build();
        });
    }
}

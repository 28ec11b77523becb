package org.muraarena.http.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.muraarena.competition.team.Team;
import org.muraarena.competition.team.Tokens;

/** The authenticated caller of this request, as resources and pages need it. */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The team or organizer, empty for anonymous requests and for workers. */
    public Optional<Caller> find() {
        return identity.isAnonymous() ? Optional.empty() : Optional.ofNullable(Identities.caller(identity));
    }

    /** Only behind {@code @RolesAllowed({TEAM, ORGANIZER})}, where a caller is certain. */
    public Caller get() {
        return find().orElseThrow(() -> new IllegalStateException("no team or organizer on this request"));
    }

    /** Only behind {@code @RolesAllowed(TEAM)}. */
    public Team team() {
        return get().team();
    }

    /** The raw id of the page session this request came with, if it came with one. */
    public Optional<String> sessionId() {
        return Optional.ofNullable(identity.getAttribute(Identities.SESSION));
    }

    /** The token this session's forms carry; empty outside a page session. */
    public Optional<String> csrf() {
        return Optional.ofNullable(identity.getAttribute(Identities.CSRF));
    }

    /** Whether a form's {@code csrf} field is this session's token (compared in constant time). */
    public boolean formIsGenuine(String field) {
        return field != null && csrf().map(c -> Tokens.same(c, field)).orElse(false);
    }
}

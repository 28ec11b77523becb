package org.muraarena.http.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.muraarena.competition.team.Team;

/** Builds identities and reads back what the arena keeps in them. */
final class Identities {
    static final String CALLER = "arena.caller";
    static final String CSRF = "arena.csrf";
    static final String SESSION = "arena.session";

    private Identities() {
    }

    static QuarkusSecurityIdentity.Builder organizer() {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("organizer"))
                .addRole(Roles.ORGANIZER).addRole(Roles.WORKER).addAttribute(CALLER, Caller.ORGANIZER);
    }

    static QuarkusSecurityIdentity.Builder team(Team team) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("team:" + team.id))
                .addRole(Roles.TEAM).addAttribute(CALLER, new Caller(team, false));
    }

    static QuarkusSecurityIdentity.Builder worker() {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("worker")).addRole(Roles.WORKER);
    }

    static Caller caller(SecurityIdentity identity) {
        return identity.getAttribute(CALLER);
    }
}

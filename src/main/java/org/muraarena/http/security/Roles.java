package org.muraarena.http.security;

/** The roles an identity carries; resources name them in {@code @RolesAllowed}. */
public final class Roles {
    /** A team's token or page session. */
    public static final String TEAM = "team";
    /** {@code ARENA_ADMIN_TOKEN}, or a page session opened with it. */
    public static final String ORGANIZER = "organizer";
    /** {@code ARENA_WORKER_TOKEN} (the organizer's token carries it too): fetches artifacts. */
    public static final String WORKER = "worker";

    private Roles() {
    }

    /** Whether a plain Vert.x route's caller is an organizer (authentication is proactive: it ran before the route). */
    public static boolean organizer(io.vertx.ext.web.RoutingContext context) {
        return context.user() instanceof io.quarkus.vertx.http.runtime.security.QuarkusHttpUser user
                && user.getSecurityIdentity().hasRole(ORGANIZER);
    }
}

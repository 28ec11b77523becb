package org.muraarena.auth;

import org.muraarena.team.Team;

/** Who is calling: the organizer, or a team. */
public record Caller(Team team, boolean organizer) {
    public static final Caller ORGANIZER = new Caller(null, true);
}

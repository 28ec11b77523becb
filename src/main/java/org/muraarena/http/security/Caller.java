package org.muraarena.http.security;

import org.muraarena.competition.team.Team;

/** Who is calling: the organizer, or a team. */
public record Caller(Team team, boolean organizer) {
    public static final Caller ORGANIZER = new Caller(null, true);
}

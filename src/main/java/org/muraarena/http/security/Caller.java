package org.muraarena.http.security;

import org.muraarena.competition.team.Team;

/** Who is calling: the organizer, or a team (detached; read its id and name). */
public record Caller(Team team, boolean organizer) {
    public static final Caller ORGANIZER = new Caller(null, true);
}

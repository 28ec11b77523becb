-- Signed-in browser sessions of the pages. The cookie holds a random id; only its SHA-256 is
-- stored, so a copy of this table signs nobody in. No team means the organizer.
create table page_session (
    id          bigserial primary key,
    id_hash     char(64)    not null unique,
    team_id     bigint      references team (id) on delete cascade,
    organizer   boolean     not null,
    -- the per-session token every signed-in form carries (useless without the cookie)
    csrf_token  text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz,
    check (organizer = (team_id is null))
);
create index page_session_expires on page_session (expires_at);

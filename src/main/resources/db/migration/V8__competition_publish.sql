-- The competition's one row of state: when an organizer published the board after its freeze
-- (arena.competition.freeze-at), lifting it for everyone (docs/DESIGN.md, Competition settings).
create table competition_state (
    id int primary key check (id = 1),
    published_at timestamptz,
    published_by text
);
insert into competition_state (id) values (1);

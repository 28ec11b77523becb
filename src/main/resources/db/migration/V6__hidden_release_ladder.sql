-- Hidden results reach their team and the board only at a tick of arena.hidden.release-every, and a
-- success replaces the team's released best only through the Ladder (docs/DESIGN.md). The decision is
-- stored when the result is released, so that views and the board read it and never recompute it.
alter table evaluation add column released_at timestamptz;
alter table evaluation add column ladder_improved boolean;
alter table evaluation add column ladder_kappa_best double precision;
alter table evaluation add column ladder_kappa_candidate double precision;
alter table evaluation add column ladder_difference double precision;
alter table evaluation add column ladder_standard_error double precision;
alter table evaluation add column ladder_replicates int;
-- the team's released best right after this decision: this evaluation when it improved, else the one it did not beat
alter table evaluation add column ladder_best_id bigint references evaluation (id);
-- the team's released best now (its evaluation), or null before its first released success
alter table team add column released_best_evaluation_id bigint references evaluation (id);
-- The releaser looks for finished hidden runs not released yet.
create index evaluation_unreleased on evaluation (finished_at) where released_at is null and phase = 'HIDDEN';

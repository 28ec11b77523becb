-- A fair queue (docs/DESIGN.md): how many dry runs were claimed while this hidden run waited and
-- could have run instead. Once one has, dry runs wait until it is claimed.
alter table evaluation add column passed_by_dry_runs int not null default 0;

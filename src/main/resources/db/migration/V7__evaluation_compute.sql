-- Compute accounting (docs/DESIGN.md): what each evaluation cost as its sandbox measured it, summed
-- over its attempts; failed and cancelled runs cost compute too. Null: nothing measured (never ran,
-- or ran before this migration). GPU seconds only where a GPU ran. The budget's sum per team uses
-- the (submission_id, phase) unique index.
alter table evaluation add column cpu_seconds double precision;
alter table evaluation add column gpu_seconds double precision;

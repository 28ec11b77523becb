-- Explanations of a dry run (docs/DESIGN.md): after its predictions are scored, occlusion maps for the
-- sample studies the model got most confidently right and wrong. Never for a hidden run. The state is
-- null for a run that asked for none (hidden runs, runs before this migration), RUNNING while the
-- sandbox computes them (explain_done of explain_total batched forward passes), then DONE or FAILED
-- (explain_message says why). explain_reliable: the sanity check's verdict (null without maps).
alter table evaluation add column explain_state varchar(16);
alter table evaluation add column explain_done integer not null default 0;
alter table evaluation add column explain_total integer not null default 0;
alter table evaluation add column explain_reliable boolean;
alter table evaluation add column explain_correlation double precision;
alter table evaluation add column explain_message text;

-- One picked study of a dry run: its image, label and study probability, and for an ONNX model the
-- map as two PNGs at the image's size (the radiograph under a colour map, and the map alone); a
-- container's gallery has no maps. Deleted with the evaluation.
create table explanation (
    id bigserial primary key,
    evaluation_id bigint not null references evaluation (id) on delete cascade,
    position integer not null,
    study text not null,
    image text not null,
    label integer not null,
    probability double precision not null,
    correct boolean not null,
    width integer not null,
    height integer not null,
    overlay_png bytea,
    map_png bytea,
    unique (evaluation_id, position)
);

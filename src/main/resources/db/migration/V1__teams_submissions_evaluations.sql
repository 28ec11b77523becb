-- Teams, their uploads, and the evaluations (dry run, hidden) queued for them.

create table team (
    id          bigserial primary key,
    name        text        not null unique,
    -- sha256 of the bearer token, hex; the token itself is shown once and never stored
    token_hash  char(64)    not null unique,
    created_at  timestamptz not null
);

create table submission (
    id          bigserial primary key,
    team_id     bigint      not null references team (id),
    kind        text        not null check (kind in ('ONNX', 'CONTAINER')),
    model_name  text        not null,
    manifest    text        not null,
    -- artifacts are stored by content hash: data/artifacts/<sha256>
    sha256      char(64)    not null,
    size_bytes  bigint      not null,
    created_at  timestamptz not null,
    tagged_at   timestamptz
);
create index submission_team on submission (team_id, created_at);

create table evaluation (
    id             bigserial primary key,
    submission_id  bigint      not null references submission (id),
    phase          text        not null check (phase in ('DRY_RUN', 'HIDDEN')),
    status         text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    progress_done  int         not null default 0,
    progress_total int         not null default 0,
    attempt        int         not null default 0,
    lease_owner    text,
    lease_until    timestamptz,
    queued_at      timestamptz not null,
    started_at     timestamptz,
    finished_at    timestamptz,
    -- what the team may see of a failure: a class (time limit, invalid output, ...) and, for dry runs, the reason
    failure_class  text,
    error          text,
    -- full log; shown to the team for dry runs only
    log            text        not null default '',
    provider       text,
    unique (submission_id, phase)
);
create index evaluation_queue on evaluation (status, phase, queued_at);

-- Scores, versioned: a re-score adds a version and keeps the old ones.
create table result (
    id              bigserial primary key,
    evaluation_id   bigint      not null references evaluation (id),
    version         int         not null,
    metrics         text        not null,
    -- the image-level predictions the metrics were computed from, as CSV, and the truth's hash:
    -- every number can be recomputed from stored inputs with the score command
    predictions     text        not null,
    truth_sha256    char(64)    not null,
    created_at      timestamptz not null,
    unique (evaluation_id, version)
);

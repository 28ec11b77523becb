-- Worker processes (embedded or scaled out), organizer audit log, and re-queue bookkeeping.

-- Every worker process registers itself and heartbeats; the organizer page lists them.
create table worker (
    name            text        primary key,
    host            text        not null,
    pid             bigint      not null,
    kinds           text        not null,
    started_at      timestamptz not null,
    last_heartbeat  timestamptz not null,
    -- the evaluations it is running now, comma-separated ids ('' when idle)
    running         text        not null default '',
    stopped_at      timestamptz
);

-- What organizers did: cancel, re-queue, re-score, team creation. Never updated, never deleted.
create table audit (
    id       bigserial   primary key,
    at       timestamptz not null,
    actor    text        not null,
    action   text        not null,
    target   text        not null,
    detail   text        not null default ''
);
create index audit_at on audit (at desc);

-- The attempt counter only grows (it fences late results); a re-queue remembers where it stood
-- so that the job gets a fresh allowance of attempts.
alter table evaluation add column attempts_before_requeue int not null default 0;

-- A container that asks for a GPU goes only to a worker that has one (an ONNX model runs anywhere).
alter table submission add column needs_gpu boolean not null default false;

-- Round robin: when each team last had a job of each phase claimed (the least recently served goes first).
alter table team add column last_dry_run_claim timestamptz;
alter table team add column last_hidden_claim timestamptz;

-- Claims look up the running jobs of a team (fairness) and the expired leases.
create index evaluation_running on evaluation (status, lease_until);

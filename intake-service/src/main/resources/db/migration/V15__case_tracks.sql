-- One row per track of a case (a team's visit, a transport, a hospital bed, relief, an answer, an official's check):
-- what it waits for while open, its outcome once ended. A case is resolved when every track has an outcome.
create table case_track (
    id           uuid primary key,
    case_id      uuid not null references hotline_case (id),
    track        text not null,
    waiting_for  text,
    outcome      text,
    open_items   uuid[] not null default '{}', -- relief deliveries scheduled and not yet delivered
    opened_at    timestamptz not null,
    outcome_at   timestamptz,
    reopen_count int not null default 0,
    since        timestamptz,                     -- when the event behind the current state happened
    unique (case_id, track)
);

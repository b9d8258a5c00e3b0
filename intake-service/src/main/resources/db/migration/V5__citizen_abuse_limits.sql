-- When the citizen last said "help has not arrived" in a way that counted (reopened and escalated the case); later
-- answers within hotline.intake.citizens.reopen-escalation-interval are recorded as contacts only.
alter table hotline_case add column last_reopened_at timestamptz;

-- Citizens' public look-ups and confirmations, counted per case code, per phone (hashed) and per code+phone pair,
-- in the database so that every instance sees the same counts. A key locked after too many failures refuses
-- requests until locked_until.
create table citizen_attempt (
    attempt_key  text primary key,
    window_start timestamptz not null,
    requests     int not null,
    failures     int not null default 0,
    locked_until timestamptz
);

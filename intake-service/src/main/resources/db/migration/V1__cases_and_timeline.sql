-- A case (hồ sơ) is opened by a call and collects everything that happens to it.
create sequence case_number_seq;

create table hotline_case (
    id               uuid primary key,
    code             text not null unique,      -- what the citizen is told and quotes when calling again
    first_call_id    uuid not null unique,      -- the agent console's id for the call: a retried POST finds the case
    status           text not null,
    priority         int  not null,
    needs            text[] not null,
    channel          text not null,
    province_code    text not null,
    district_code    text not null,
    ward_code        text not null,
    address_text     text,
    latitude         double precision,
    longitude        double precision,
    household_size   int  not null,
    vulnerabilities  text[] not null default '{}',
    notes            text,
    agent_id         text,
    caller_name      text,
    caller_phone     text not null,
    opened_at        timestamptz not null,
    updated_at       timestamptz not null
);
create index hotline_case_open on hotline_case (status, priority desc, opened_at);
create index hotline_case_phone on hotline_case (caller_phone);

-- One row per event about a case, whichever service published it. No foreign key: events of other services can
-- arrive before intake's own transaction is visible to a reader, and they must not be refused for it.
create table timeline_entry (
    event_id     uuid primary key,
    case_id      uuid not null,
    event_type   text not null,
    source       text not null,
    occurred_at  timestamptz not null,
    summary      text not null,
    recorded_at  timestamptz not null default now()
);
create index timeline_entry_case on timeline_entry (case_id, occurred_at);

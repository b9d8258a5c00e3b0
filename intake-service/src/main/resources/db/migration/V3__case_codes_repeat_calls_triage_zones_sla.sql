-- Case numbers restart every local day in every province (BD-20210817-0042): one counter row per (province, day),
-- taken with an atomic upsert so that concurrent calls never share a number.
create table case_counter (
    province_code text not null,
    local_day     date not null,
    last_number   int  not null,
    primary key (province_code, local_day)
);
drop sequence case_number_seq;

-- Every call (contact), also the ones linked to an already open case: a retried POST finds its case by call id.
create table case_call (
    call_id     uuid primary key,
    case_id     uuid not null references hotline_case (id),
    channel     text not null,
    received_at timestamptz not null
);
create index case_call_case on case_call (case_id, received_at);
insert into case_call (call_id, case_id, channel, received_at)
select first_call_id, id, channel, opened_at from hotline_case;

alter table hotline_case
    add column repeat_count      int   not null default 1,    -- calls on this case, the first included
    add column priority_reasons  jsonb not null default '[]', -- why it has its priority: [{rule, points}]
    add column search_text       text  not null default '',   -- name, phone, address, ward: lower case, no diacritics
    add column first_action_due  timestamptz,
    add column resolution_due    timestamptz,
    add column first_action_at   timestamptz,                 -- the first downstream decision (team, bed, relief)
    add column resolved_at       timestamptz,
    add column reopen_count      int   not null default 0,    -- the citizen said help did not arrive
    add column escalation_level  smallint not null default 0, -- EscalationLevel ordinal: 0 WARD, 1 DISTRICT, 2 PROVINCE
    add column escalated_at      timestamptz;

-- Existing cases get the default clocks of "other" needs from their opening time.
update hotline_case set first_action_due = opened_at + interval '5 hours',
                        resolution_due   = opened_at + interval '24 hours';
alter table hotline_case alter column first_action_due set not null,
                         alter column resolution_due set not null;

create index hotline_case_open_phone on hotline_case (caller_phone) where status <> 'RESOLVED';
create index hotline_case_sla on hotline_case (resolution_due) where status <> 'RESOLVED';
create index hotline_case_district on hotline_case (district_code, status);
create index hotline_case_ward on hotline_case (ward_code, status);

-- Current zone colour of each ward (vùng đỏ/cam/vàng/xanh) and every change, newest last.
create table zone_status (
    ward_code     text primary key,
    province_code text not null,
    district_code text not null,
    colour        text not null,
    reason        text,
    changed_by    text not null,
    changed_at    timestamptz not null
);
create index zone_status_province on zone_status (province_code);

create table zone_change (
    id            bigserial primary key,
    ward_code     text not null,
    previous      text,
    colour        text not null,
    reason        text,
    changed_by    text not null,
    changed_at    timestamptz not null
);
create index zone_change_ward on zone_change (ward_code, changed_at);

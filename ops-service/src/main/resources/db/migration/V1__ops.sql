-- Offsets sampled from Kafka: the ops service's own history, so rates and lag trends survive a restart.
create table topic_sample (
    topic       text not null,
    sampled_at  timestamptz not null,
    partitions  int not null,
    end_offset  bigint not null,            -- sum over partitions
    primary key (topic, sampled_at)
);

create table group_sample (
    group_id            text not null,
    topic               text not null,
    sampled_at          timestamptz not null,
    lag                 bigint not null,
    committed           bigint not null,    -- sum of committed offsets: unchanged while the group does not advance
    worst_partition     int not null,
    worst_partition_lag bigint not null,
    primary key (group_id, topic, sampled_at)
);

-- Every record that reached a dead-letter topic, once (its topic/partition/offset), and what ops did with it.
create table dead_letter (
    id                uuid primary key,
    dead_letter_topic text not null,
    dlq_partition     int not null,
    dlq_offset        bigint not null,
    original_topic    text,
    consumer          text,
    record_key        text,
    ce_id             text,
    ce_type           text,
    ce_source         text,
    ce_time           text,
    error             text,
    attempts          int not null,
    headers           jsonb not null,      -- name -> value (UTF-8), the original ones included
    payload           bytea,               -- as received; shown masked only
    received_at       timestamptz not null,
    status            text not null,       -- NEW, REPLAYED, DISCARDED
    handled_by        text,
    handled_at        timestamptz,
    reason            text,
    unique (dead_letter_topic, dlq_partition, dlq_offset)
);
create index dead_letter_status on dead_letter (status, received_at desc);

-- Case code -> id, from CallReceived, so a trace can be asked for by the code read out on the phone.
create table case_index (
    case_code   text primary key,
    case_id     uuid not null,
    received_at timestamptz not null
);

-- Events that count towards alert thresholds (escalations per district, referral expiries, notification failures).
create table signal (
    event_id    uuid primary key,
    kind        text not null,             -- SLA_ESCALATIONS, REFERRAL_EXPIRIES, NOTIFICATION_FAILURES
    subject     text not null,             -- district code, province or channel
    occurred_at timestamptz not null
);
create index signal_window on signal (kind, subject, occurred_at);

create table alert (
    id          uuid primary key,
    rule        text not null,
    subject     text not null,
    severity    text not null,
    state       text not null,             -- OPEN, RESOLVED
    detail      text not null,
    raised_at   timestamptz not null,
    resolved_at timestamptz
);
-- At most one open alert per rule and subject.
create unique index alert_open on alert (rule, subject) where state = 'OPEN';
create index alert_recent on alert (raised_at desc);

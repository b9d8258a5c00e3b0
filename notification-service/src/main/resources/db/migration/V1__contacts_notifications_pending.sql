-- How to reach the citizen of each case, from CallReceived. The only personal data of this service.
create table case_contact (
    case_id     uuid primary key,
    case_code   text not null,
    phone       text,            -- E.164; null when the citizen came through a channel without one
    name        text,
    language    text not null default 'vi',
    received_at timestamptz not null default now()
);

-- Delivery log (nhật ký gửi tin): one row per source event x recipient x channel, claimed before sending, so a
-- redelivered event never sends twice, whatever the number of instances.
create table notification (
    id                uuid primary key,
    case_id           uuid not null,
    case_code         text not null,
    source_event_id   uuid not null,
    source_event_type text not null,   -- ce_type of the triggering event
    recipient_kind    text not null,
    channel           text not null,
    status            text not null check (status in ('SENDING', 'SENT', 'FAILED')),
    attempts          int  not null default 0,
    error             text,            -- the channel's reason; never the message text or the number
    provider_id       text,
    text              text not null,   -- what the recipient reads; no personal data goes into templates
    created_at        timestamptz not null default now(),
    sent_at           timestamptz,
    constraint notification_once unique (source_event_id, recipient_kind, channel)
);
create index notification_case on notification (case_id, created_at);

-- Events that arrived before the case's CallReceived (another topic can be ahead of intake's): kept until the
-- contact arrives, then sent in the order they happened.
create table pending_notice (
    source_event_id   uuid primary key,
    case_id           uuid not null,
    case_code         text,
    source_event_type text not null,
    payload           text not null,   -- the event's JSON (events other than CallReceived carry no personal data)
    occurred_at       timestamptz not null,
    received_at       timestamptz not null default now()
);
create index pending_notice_case on pending_notice (case_id, occurred_at);

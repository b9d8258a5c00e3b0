-- Shared by every service (vn.hotline1022:messaging). Versions below 1 are reserved for this library so that a
-- service's own migrations (V1 and up) never collide with it.

-- Transactional outbox: a service writes its events here in the same transaction as its state change; the relay
-- publishes them to Kafka and stamps published_at. seq gives the publish order.
create table messaging_outbox (
    seq          bigint generated always as identity primary key,
    event_id     uuid        not null unique,   -- the CloudEvents id (ce_id)
    topic        text        not null,
    record_key   text        not null,          -- the case id (ward code for zone events): one partition, in order
    ce_type      text        not null,
    ce_source    text        not null,
    occurred_at  timestamptz not null,
    payload      text        not null,          -- the event record as JSON (CloudEvents data)
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
-- The relay only ever looks at what is still to be published; keep that scan tiny.
create index messaging_outbox_pending on messaging_outbox (seq) where published_at is null;
create index messaging_outbox_published on messaging_outbox (published_at) where published_at is not null;

-- Idempotent inbox: one row per event a consumer has handled, written in the handler's own transaction.
create table messaging_inbox (
    consumer    text        not null,
    event_id    uuid        not null,
    ce_type     text        not null,
    record_key  text,
    handled_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index messaging_inbox_handled_at on messaging_inbox (handled_at);

-- Messages to 1022 that are not in the keyword syntax (chờ gọi lại): the agents' callback queue. The message gets a
-- case code at once (the citizen is told it); the case itself is opened by the agent who calls back, with that code.
-- The phone and the message are erased when the callback is done; only the phone's hash stays, so the citizen can
-- still look the code up.
create table callback_request (
    id            uuid        primary key,
    code          text        not null unique,
    province_code text        not null,
    channel       text        not null,
    phone         text,
    phone_hash    text        not null,
    message       text,
    received_at   timestamptz not null,
    message_count int         not null,
    status        text        not null,
    handled_by    text,
    handled_at    timestamptz,
    outcome       text,
    case_code     text
);
create index callback_request_pending on callback_request (province_code, received_at) where status = 'PENDING_CALLBACK';
create unique index callback_request_one_pending_per_phone on callback_request (phone_hash)
    where status = 'PENDING_CALLBACK';

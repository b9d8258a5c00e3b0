-- Text messages received from the SMS gateway, by the gateway's message id: a gateway delivering a message again (or
-- anyone replaying a captured request) gets the first answer again and opens nothing. No phone or text is kept here:
-- the case keeps what it needs.
create table inbound_text (
    provider    text        not null,
    message_id  text        not null,
    received_at timestamptz not null,
    case_code   text,
    reply       text        not null,
    primary key (provider, message_id)
);

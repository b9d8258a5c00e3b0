create table probe_note (
    id      uuid primary key,
    case_id uuid not null,
    text    text not null
);
create table probe_handled (
    event_id uuid primary key,
    case_id  uuid not null,
    reason   text not null
);

-- Who read or changed a case, and when: the answer to "who looked at my data?" (admins only).
create table audit_entry (
    id         bigserial primary key,
    at         timestamptz not null default now(),
    actor      text not null,          -- the login name from the token
    action     text not null,          -- e.g. CASE_OPENED, CASE_READ
    case_id    uuid,
    case_code  text,
    detail     text
);
create index audit_entry_case on audit_entry (case_code, at);
create index audit_entry_actor on audit_entry (actor, at);

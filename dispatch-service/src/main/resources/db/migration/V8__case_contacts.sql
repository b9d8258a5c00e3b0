-- What a field team needs to find the household (Decree 13/2023: the least, for the shortest time). Written from
-- intake's CallReceived for cases that need a field team; the personal fields are nulled (erased_at set) once
-- erase_after has passed and no assignment of the case is live: received + contact-unassigned-keep when no team
-- was ever sent, completion + contact-grace after a visit. Never logged, never in an event.
create table case_contact (
    case_id      uuid primary key,
    case_code    text not null,
    ward_code    text,
    needs        text[],
    address_text text,
    phone        text,
    caller_name  text,
    notes        text,
    received_at  timestamptz not null,
    erase_after  timestamptz,
    erased_at    timestamptz
);
create index case_contact_due on case_contact (erase_after) where erased_at is null;

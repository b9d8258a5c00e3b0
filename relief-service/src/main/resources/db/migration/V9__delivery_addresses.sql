-- The household's address and phone in clear, for the ward's run sheet only (Decree 13/2023): kept from the call
-- until the case's packages are delivered (+ hotline.relief.address-grace) or, never delivered, until erase_after
-- (the call + hotline.relief.address-max-keep); then the personal fields are nulled (AddressErasureJob). Deliveries
-- are found by case through delivery_one_per_case_programme (case_id leads it).
create table delivery_address (
    case_id        uuid primary key,
    case_code      text not null,
    province_code  text not null,
    district_code  text,
    ward_code      text,
    address_text   text,
    phone          text,
    recipient_name text,
    received_at    timestamptz not null,
    erase_after    timestamptz not null,
    erased_at      timestamptz
);

create index delivery_address_due on delivery_address (erase_after) where erased_at is null;

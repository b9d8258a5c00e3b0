-- Relief programmes (chương trình hỗ trợ) of the Red Cross, the Fatherland Front and donors, the households they
-- serve (hộ gia đình) and every allocation decision (delivery), refusals included, so each call is accounted for.
create table programme (
    id                uuid primary key,
    code              text not null unique,
    name              text not null,
    province_code     text not null,
    needs             text[] not null,              -- relief needs covered: FOOD, RENT_SUPPORT, CASH_SUPPORT, OXYGEN_SUPPORT
    amount_vnd        bigint check (amount_vnd > 0), -- cash part in đồng; null for goods only
    per_household_cap int not null check (per_household_cap > 0),
    stock             int not null check (stock >= 0), -- packages on hand: the database itself never lets it go negative
    active            boolean not null,
    created_at        timestamptz not null default now()
);
create index programme_active on programme (province_code) where active;

-- The goods in one package of a programme.
create table programme_item (
    programme_id uuid not null references programme (id),
    line_no      int  not null,
    item_type    text not null,
    quantity     int  not null check (quantity > 0),
    unit         text not null,
    primary key (programme_id, line_no)
);

-- A household is its ward plus the caller's phone, hashed with a salt: the phone itself is never stored.
create table household (
    id            uuid primary key,
    province_code text not null,
    district_code text,
    ward_code     text not null,
    phone_hash    text,                              -- null when the caller gave no number: then never matched
    members       int not null default 0,
    created_at    timestamptz not null default now(),
    last_call_at  timestamptz not null default now(),
    unique (ward_code, phone_hash)
);

create table delivery (
    id             uuid primary key,
    case_id        uuid not null,
    case_code      text not null,
    household_id   uuid not null references household (id),
    programme_code text references programme (code),  -- null when no programme covers the need (INELIGIBLE)
    needs          text[] not null,
    province_code  text not null,
    district_code  text,
    ward_code      text not null,
    status         text not null,                     -- WAITING, SCHEDULED, DELIVERED, REFUSED
    reason         text,                              -- WAITING/REFUSED: OUT_OF_STOCK, DUPLICATE, CAP_REACHED, INELIGIBLE
    detail         text,
    requested_at   timestamptz not null,
    scheduled_at   timestamptz,
    expected_by    timestamptz,
    delivered_at   timestamptz,
    delivered_by   text
);
-- One decision per case and programme, whatever the number of redeliveries or instances.
create unique index delivery_one_per_case_programme on delivery (case_id, coalesce(programme_code, ''));
-- A household never has two packages of one programme on the way: nobody is paid twice.
create unique index delivery_one_pending_per_household on delivery (household_id, programme_code)
    where status in ('WAITING', 'SCHEDULED');
create index delivery_household on delivery (household_id, programme_code);
create index delivery_waiting on delivery (programme_code, requested_at) where status = 'WAITING';
create index delivery_ward on delivery (ward_code, requested_at);

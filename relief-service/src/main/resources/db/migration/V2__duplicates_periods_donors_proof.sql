-- Cross-checks before aid is scheduled (đối chiếu trùng lặp): a household may also be known by its citizen ID (CCCD,
-- 12 digits) and its address. Both are kept only as salted hashes of their normalised forms, never as given.
alter table household add column citizen_id_hash text;
alter table household add column address_hash text;
create index household_citizen_id on household (citizen_id_hash) where citizen_id_hash is not null;
create index household_address on household (ward_code, address_hash) where address_hash is not null;

-- Which household a case is about, so that needs found later by the field team (DispatchCompleted) reach the same
-- household as the call did.
create table case_household (
    case_id      uuid primary key,
    case_code    text not null,
    household_id uuid not null references household (id),
    created_at   timestamptz not null default now()
);

-- Caps per period: null is once for the programme's whole life; 'MONTH' is the calendar month in Vietnam;
-- otherwise an ISO-8601 number of days, e.g. 'P30D'.
alter table programme add column cap_period text check (cap_period is null or cap_period ~ '^(MONTH|P[0-9]{1,3}D)$');
-- Stock at or below it is listed as low (sắp hết hàng).
alter table programme add column low_stock_threshold int not null default 0 check (low_stock_threshold >= 0);

alter table delivery add column source text not null default 'CALL';      -- CALL or DISPATCH (needs found on site)
alter table delivery add column duplicate_match text;                      -- DUPLICATE: PHONE, CITIZEN_ID or ADDRESS
alter table delivery add column duplicate_of uuid references household (id);
alter table delivery add column reviewed_by text;                          -- officer who confirmed or overrode it
alter table delivery add column review_decision text;                      -- CONFIRMED or OVERRIDDEN
alter table delivery add column review_justification text;
alter table delivery add column reviewed_at timestamptz;
alter table delivery add column recipient_code_hash text;                  -- proof of delivery: hash of the code
alter table delivery add column recipient_code_issued_at timestamptz;
alter table delivery add column recipient_code_failures int not null default 0; -- wrong codes since it was issued
create index delivery_programme_status on delivery (programme_code, status);

-- Donors (nhà tài trợ): the Red Cross, the Fatherland Front, businesses.
create table donor (
    id         uuid primary key,
    code       text not null unique,
    name       text not null,
    kind       text not null,                       -- RED_CROSS, FATHERLAND_FRONT, BUSINESS, OTHER
    created_at timestamptz not null default now()
);

-- A consignment (lô hàng) a donor sends to a programme; its arrival adds to the programme's stock.
create table consignment (
    id             uuid primary key,
    donor_code     text not null references donor (code),
    programme_code text not null references programme (code),
    quantity       int not null check (quantity > 0),
    ward_code      text,                            -- the ward warehouse it goes to, when not the province's
    status         text not null,                   -- EXPECTED, ARRIVED
    expected_at    timestamptz not null,
    arrived_at     timestamptz,
    received_by    text,
    created_by     text not null,
    created_at     timestamptz not null default now()
);
create index consignment_programme on consignment (programme_code, status);
create index consignment_donor on consignment (donor_code);

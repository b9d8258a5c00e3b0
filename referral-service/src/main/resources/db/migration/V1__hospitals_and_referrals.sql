-- Hospitals (bệnh viện) that 1022 refers patients to, and their beds per type.
create table hospital (
    id                  uuid primary key,
    name                text not null,
    province_code       text not null,
    district_code       text not null,
    level               text not null,
    created_at          timestamptz not null default now(),
    capacity_updated_at timestamptz not null default now()
);
create index hospital_province on hospital (province_code);

-- One row per hospital and bed type. "free" is what the hospital last reported; "held" counts the beds this service
-- has promised to pending referrals. A referral may take a bed only while free - held > 0, checked in the same
-- UPDATE that takes it, so two cases never get the last bed. Keeping holds apart from the reported count means a
-- capacity update never wipes out a hold, and releasing a hold can never push free above total.
create table bed_pool (
    id          uuid primary key,
    hospital_id uuid not null references hospital (id),
    bed_type    text not null,
    total       int  not null check (total >= 0),
    free        int  not null check (free >= 0 and free <= total),
    held        int  not null default 0 check (held >= 0),
    unique (hospital_id, bed_type)
);

-- A referral asks one hospital for one bed (or waits for one). Re-routing after a rejection or expiry closes the row
-- and opens a new one with the next attempt number, so every answer of every hospital stays on record.
create table referral (
    id                uuid primary key,
    case_id           uuid not null,
    case_code         text not null,
    status            text not null,          -- WAITING, PENDING, ACCEPTED, REJECTED, EXPIRED
    opened_by         text not null,          -- the event type that asked for a bed
    province_code     text,
    district_code     text,
    bed_type          text not null,
    severity          text,
    clinical_summary  text,
    priority          int,
    hospital_id       uuid references hospital (id),   -- null while WAITING
    attempt           int,                              -- null while WAITING
    created_at        timestamptz not null,
    referred_at       timestamptz,
    answer_deadline   timestamptz,
    answered_at       timestamptz,
    bed_label         text,
    expected_arrival  timestamptz,
    rejection_reason  text,
    rejection_detail  text
);
-- The database itself refuses a second live referral for one case, whatever the code or the number of instances.
create unique index referral_one_live_per_case on referral (case_id) where status in ('WAITING', 'PENDING', 'ACCEPTED');
create index referral_case on referral (case_id);
create index referral_hospital on referral (hospital_id);
create index referral_waiting on referral (province_code) where status = 'WAITING';
create index referral_pending_deadline on referral (answer_deadline) where status = 'PENDING';

-- Repeat callers by household (hộ gia đình): a call from another phone with the same specific address in the same
-- ward is linked to the open case. The key is computed by the service (HouseholdAddress: no diacritics, one form of
-- abbreviations, ward and larger cut); null when the address is missing or too vague ("Tổ 3") to link on. Cases opened
-- before this migration have none and are linked by phone only.
alter table hotline_case add column household_key text;
create index hotline_case_open_household on hotline_case (ward_code, household_key)
    where status <> 'RESOLVED' and household_key is not null;

-- Why a call was attached to an existing case (PHONE, HOUSEHOLD_ADDRESS); null for the call that opened it.
alter table case_call add column linked_by text;

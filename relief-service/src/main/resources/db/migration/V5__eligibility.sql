-- What callers reported about the household's members at higher risk (ELDERLY, PREGNANT, YOUNG_CHILDREN, DISABILITY,
-- CHRONIC_ILLNESS), kept as the union of every call: a later call that forgets to mention it takes nothing away.
alter table household add column vulnerabilities text[] not null default '{}';

-- A programme's eligibility rules (điều kiện hưởng); null is no such rule.
alter table programme add column eligible_district_codes text[];   -- only households in these districts
alter table programme add column min_members int check (min_members is null or min_members > 0);
alter table programme add column any_vulnerability text[];          -- only households with at least one of these

-- Ward and district officials (cán bộ phường/xã, quận/huyện) take cases of their area, verify them on site, resolve
-- them or hand them back. One owner at a time, on the case row (taken under the row lock).
alter table hotline_case add column official_owner text;
alter table hotline_case add column official_owned_at timestamptz;
alter table hotline_case add column last_verification text;          -- VALID, NOT_VALID or UNREACHABLE
alter table hotline_case add column last_verified_at timestamptz;     -- when the last visit happened

create index hotline_case_official_owner on hotline_case (official_owner) where official_owner is not null;
create index hotline_case_area_open on hotline_case (district_code, ward_code) where status <> 'RESOLVED';

-- Every verification visit (xác minh), as recorded by the owning official; the timeline shows each one too.
create table verification_visit (
    id            uuid primary key,
    case_id       uuid not null references hotline_case (id),
    official      text not null,
    outcome       text not null,
    action_taken  text not null,
    visited_at    timestamptz not null,
    recorded_at   timestamptz not null
);
create index verification_visit_case on verification_visit (case_id, visited_at);

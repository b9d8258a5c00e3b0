-- Rapid-response teams (tổ phản ứng nhanh) and the cases they are sent to.
create table team (
    id                 uuid primary key,
    name               text not null,
    province_code      text not null,
    home_district_code text not null,
    covered_ward_codes text[] not null default '{}',
    medical_staff      int  not null default 0,   -- members who are doctors, nurses or medics
    vehicle            text not null,
    status             text not null,
    created_at         timestamptz not null default now()
);
create index team_available on team (province_code) where status = 'AVAILABLE';

create table assignment (
    id            uuid primary key,
    case_id       uuid not null,
    case_code     text not null,
    team_id       uuid not null references team (id),
    status        text not null,
    matched_by    text not null,
    automatic     boolean not null,
    province_code text not null,
    district_code text not null,
    ward_code     text not null,
    outcome       text,
    dispatched_at timestamptz not null,
    arrived_at    timestamptz,
    completed_at  timestamptz
);
-- The database itself refuses a second live dispatch for one case, whatever the code or the number of instances.
create unique index assignment_one_live_per_case on assignment (case_id) where status <> 'COMPLETED';
create index assignment_team on assignment (team_id);

-- Cases waiting for a free team, drained by priority then age.
create table queued_case (
    case_id       uuid primary key,
    case_code     text not null,
    province_code text not null,
    district_code text not null,
    ward_code     text not null,
    medical       boolean not null,
    priority      int not null,
    queued_at     timestamptz not null default now()
);

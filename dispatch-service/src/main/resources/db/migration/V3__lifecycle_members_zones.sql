-- Team lifecycle, crews and equipment, provincial reserve, ward zone colours (for red-zones-first), and the
-- dispatcher's recommendation queue.

-- Teams: what they carry, whether they are the province's reserve (sent last, anywhere in the province), and since
-- when they are in their current status (the board shows it).
alter table team add column equipment text[] not null default '{}';
alter table team add column reserve boolean not null default false;
alter table team add column status_changed_at timestamptz not null default now();

-- The crew (kíp trực). Names are staff personal data: served by the API, never logged.
create table team_member (
    id      uuid primary key,
    team_id uuid not null references team (id) on delete cascade,
    name    text not null,
    role    text not null   -- MEDICAL, DRIVER, SECURITY, VOLUNTEER
);
create index team_member_team on team_member (team_id);

-- Assignments: every step of the phone app is timed; who dispatched when a person did.
alter table assignment add column accepted_at timestamptz;
alter table assignment add column en_route_at timestamptz;
alter table assignment add column dispatcher_id text;
alter table assignment add column follow_up_needs text[] not null default '{}';
alter table assignment add column completion_note text;
-- One case per team: the database refuses a second live assignment for a team, as it does for a case.
create unique index assignment_one_live_per_team on assignment (team_id) where status <> 'COMPLETED';
create index assignment_case on assignment (case_id);

-- Queued cases: emergencies wait for any free team (drained automatically); the others wait for a dispatcher to
-- confirm a recommended team.
alter table queued_case add column emergency boolean not null default true;
alter table queued_case add column needs text[] not null default '{}';
alter table queued_case add column reason text not null default 'NO_TEAM_AVAILABLE';
create index queued_case_drain on queued_case (province_code, priority desc, queued_at) where emergency;

-- Ward colours as announced by intake (ZoneStatusChanged); red wards are served first.
create table ward_zone (
    ward_code     text primary key,
    province_code text,
    district_code text,
    colour        text not null,
    changed_at    timestamptz not null
);

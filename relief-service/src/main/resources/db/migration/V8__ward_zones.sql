-- Each ward's zone colour as intake last announced it (ZoneStatusChanged): lockdown (red) wards are served first.
create table ward_zone (
    ward_code     text primary key,
    province_code text,
    district_code text,
    colour        text not null,              -- RED, ORANGE, YELLOW, GREEN
    changed_at    timestamptz not null
);

-- Patient transport (chuyển bệnh nhân): an accepted referral's patient is taken to the hospital by a team with an
-- ambulance and medical staff (and oxygen when the bed type needs it). No personal data: codes and ids only.
create table transport (
    id             uuid primary key,
    case_id        uuid not null,
    case_code      text not null,
    referral_id    uuid not null,
    hospital_id    uuid,
    hospital_code  text,
    hospital_name  text,
    bed_type       text not null,
    bed_label      text,
    province_code  text not null,
    district_code  text,
    ward_code      text,
    team_id        uuid references team (id),
    status         text not null,   -- WAITING, DISPATCHED, PICKED_UP, HANDED_OVER
    requested_at   timestamptz not null,
    dispatched_at  timestamptz,
    picked_up_at   timestamptz,
    handed_over_at timestamptz
);
-- One transport per accepted referral, whatever the redeliveries or the number of instances.
create unique index transport_one_per_referral on transport (referral_id);
-- A team carries one patient at a time.
create unique index transport_one_live_per_team on transport (team_id) where status in ('DISPATCHED', 'PICKED_UP');
create index transport_waiting on transport (province_code, requested_at) where status = 'WAITING';
create index transport_case on transport (case_id);

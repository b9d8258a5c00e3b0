-- Hospital details: ownership (the province's order binds public and private hospitals alike), where it is, whether
-- it takes new patients now, and whom 1022 calls there. The duty phone is staff data: shown in the API, never logged.
alter table hospital add column ownership text not null default 'PUBLIC';
alter table hospital add column latitude double precision;
alter table hospital add column longitude double precision;
alter table hospital add column address text;
alter table hospital add column accepting boolean not null default true;
alter table hospital add column accepting_changed_at timestamptz;
alter table hospital add column paused_reason text;
alter table hospital add column duty_phone text;
alter table hospital add column contact_name text;
alter table hospital add constraint hospital_location_pair check ((latitude is null) = (longitude is null));

-- FHIR Task lifecycle: RECEIVED (the hospital opened the referral; its deadline still runs), COMPLETED (admitted) and
-- FAILED (not admitted) after ACCEPTED. RECEIVED is live like PENDING, so the one-live-per-case rule must know it.
alter table referral add column received_at timestamptz;
alter table referral add column closed_at timestamptz;        -- rejected, expired, admitted or not admitted
alter table referral add column admission_note text;
drop index referral_one_live_per_case;
create unique index referral_one_live_per_case on referral (case_id)
    where status in ('WAITING', 'PENDING', 'RECEIVED', 'ACCEPTED');
drop index referral_pending_deadline;
create index referral_unanswered_deadline on referral (answer_deadline) where status in ('PENDING', 'RECEIVED');
-- The compliance report counts referrals per hospital over a period of referral times.
create index referral_hospital_referred on referral (hospital_id, referred_at);

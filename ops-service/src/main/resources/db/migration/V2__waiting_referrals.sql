-- Referrals waiting for a bed (ReferralWaiting), until the case is put to a hospital (PatientReferred): ops are
-- alerted when one waits longer than hotline.ops.referral-wait-threshold.
create table waiting_referral (
    case_id       uuid primary key,
    case_code     text not null,
    province_code text,
    since         timestamptz not null
);

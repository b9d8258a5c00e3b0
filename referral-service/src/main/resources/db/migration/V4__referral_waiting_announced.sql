-- The bed type a waiting referral was last announced for (ReferralWaiting): announced once per type, not on every
-- retry while it waits. Null: not announced (or no longer waiting).
alter table referral add column waiting_announced_for text;

-- An admitted patient's discharge (ra viện): when, how (DISCHARGED, TRANSFERRED, DECEASED) and where to when
-- transferred. Recorded once per referral; the bed is free again.
alter table referral add column discharged_at timestamptz;
alter table referral add column discharge_disposition text;
alter table referral add column transferred_to text;
-- Why the hospital asked is of the tier it is (a critical patient to a provincial or central hospital).
alter table referral add column routing_reason text;

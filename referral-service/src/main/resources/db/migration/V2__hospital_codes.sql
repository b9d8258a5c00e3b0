-- The facility code (mã cơ sở khám chữa bệnh) identifies a hospital across systems and in hospital staff's tokens
-- (hospital_code), so that staff see and answer only their own hospital's referrals.
alter table hospital add column code text;
update hospital set code = 'H' || substr(id::text, 1, 8) where code is null;
alter table hospital alter column code set not null;
create unique index hospital_code on hospital (code);

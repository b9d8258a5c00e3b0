-- The case's place (from CallReceived): who may read its notices (an agent or dispatcher of that province/district).
alter table case_contact add column province_code varchar(8);
alter table case_contact add column district_code varchar(8);

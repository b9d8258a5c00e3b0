-- A file mailed with a notice (the weekly report's CSV): aggregates only, never personal data.
alter table notification add column attachment_name text;
alter table notification add column attachment_type text;
alter table notification add column attachment text;

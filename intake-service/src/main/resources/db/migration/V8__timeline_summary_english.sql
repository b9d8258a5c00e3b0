-- A timeline line is Vietnamese (summary, read out to callers and shown to citizens) with its English beside it for the
-- console's language switch. Lines recorded before have no English: the console shows their summary.
alter table timeline_entry add column summary_en text;

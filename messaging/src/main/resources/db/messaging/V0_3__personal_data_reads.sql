-- Who was shown a citizen's phone, address, name or health data, and when (Decree 13/2023: every processing of
-- sensitive personal data is recorded). Written by PersonalDataReads in the reader's transaction; never the data.
create table if not exists personal_data_read (
    id bigserial primary key,
    at timestamptz not null,
    actor text not null,
    what text not null,
    case_id uuid,
    case_code text,
    detail text
);
create index if not exists personal_data_read_case on personal_data_read (case_code, at);
create index if not exists personal_data_read_actor on personal_data_read (actor, at);

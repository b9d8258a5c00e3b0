-- Daily summaries of a district, broadcast to its groups: one row per local day and district, so a summary is issued
-- once however many intake instances run the evening job (the row and the DailySummaryIssued event commit together).
create table daily_summary_issue (
    id            uuid primary key,
    day           date not null,
    district_code text not null,
    cases         bigint not null,
    issued_at     timestamptz not null,
    unique (day, district_code)
);

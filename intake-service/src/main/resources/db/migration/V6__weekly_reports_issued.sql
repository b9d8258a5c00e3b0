-- Weekly reports issued to officials: one row per week and area, so that a report is issued once however many
-- intake instances run the Monday job (the row and the WeeklyReportIssued event commit together).
create table weekly_report_issue (
    id         uuid primary key,
    week_start date not null,
    level      text not null,              -- PROVINCE or DISTRICT
    area_code  text not null,
    cases      bigint not null,
    issued_at  timestamptz not null,
    unique (week_start, level, area_code)
);
create index weekly_report_issue_recent on weekly_report_issue (issued_at desc);

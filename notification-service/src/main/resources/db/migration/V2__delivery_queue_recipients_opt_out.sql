-- Sending leaves the inbox transaction: the handler records PENDING rows, senders take due ones
-- (for update skip locked), retry with backoff, and end SENT, FAILED or SUPPRESSED (opt-out).
alter table notification drop constraint notification_status_check;
alter table notification add constraint notification_status_check
    check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED'));
alter table notification alter column status set default 'PENDING';

-- Where a non-citizen notice goes (an official's or ops' mailbox); '' for the citizen, whose number stays in
-- case_contact only. Part of the once-only key: one district has several officials.
alter table notification add column recipient_address text not null default '';
alter table notification add column subject text;
-- Urgent notices (emergency dispatch, referral) skip quiet hours and the per-recipient rate limit.
alter table notification add column urgent boolean not null default false;
alter table notification add column next_attempt_at timestamptz not null default now();
alter table notification add column last_attempt_at timestamptz;

alter table notification drop constraint notification_once;
alter table notification add constraint notification_once
    unique (source_event_id, recipient_kind, recipient_address, channel);

create index notification_due on notification (next_attempt_at) where status = 'PENDING';

-- Citizens who asked not to be sent notices (từ chối nhận tin). Only a hash of the number is kept: enough to match
-- the next case from the same phone, useless to anyone reading the table.
create table citizen_opt_out (
    phone_hash   text primary key,
    opted_out_at timestamptz not null default now()
);

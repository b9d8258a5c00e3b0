-- The receipt code (mã nhận hàng) is derived from the delivery id and a round number with a secret shared with
-- notification-service, and checked by deriving it again: nothing of it is stored, not even a hash.
alter table delivery drop column recipient_code_hash;
alter table delivery rename column recipient_code_issued_at to recipient_code_sent_at;
-- 0: the code of the first text; each re-send to the household's phone moves to the next round's code.
alter table delivery add column recipient_code_round int not null default 0;

-- Delivered without a code (the household lost its phone): one officer asks, with a reason; another approves.
alter table delivery add column no_code_requested_by text;
alter table delivery add column no_code_requested_at timestamptz;
alter table delivery add column no_code_reason text;
alter table delivery add column no_code_delivered_by text;
alter table delivery add column no_code_approved_by text;
alter table delivery add column no_code_approved_at timestamptz;

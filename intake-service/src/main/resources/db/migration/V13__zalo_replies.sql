-- Answers to Zalo messages go back through the Zalo OA API, after the webhook has answered: written with the answer,
-- in the same transaction as the case it names, and sent (and retried) from here. The Zalo user id is erased once the
-- answer is sent or given up.
alter table inbound_text add column reply_to text;
alter table inbound_text add column reply_attempts int not null default 0;
alter table inbound_text add column next_reply_at timestamptz;
alter table inbound_text add column reply_sent_at timestamptz;
create index inbound_text_replies_due on inbound_text (next_reply_at) where reply_to is not null;

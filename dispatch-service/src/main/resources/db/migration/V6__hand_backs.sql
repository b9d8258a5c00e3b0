-- Hand-backs (CaseHandedBack) dispatch has acted on, by the hand-back's own id: the same hand-back published again
-- under a new event id (which the inbox cannot recognise) queues the case once only.
create table handled_hand_back (
    hand_back_id uuid primary key,
    case_id      uuid not null,
    handled_at   timestamptz not null
);

-- The W3C trace context of the event the notice answers (its consumer's span): the sender sends the notice, and
-- publishes NotificationSent or NotificationFailed, in that trace. Null outside any trace.
alter table notification add column trace_parent text;

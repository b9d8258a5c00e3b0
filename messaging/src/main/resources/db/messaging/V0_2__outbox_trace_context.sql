-- The W3C trace context in which each event was written (the request's or the consumer's span); null outside any
-- trace. The relay sends it as the record's traceparent/tracestate headers and as the CloudEvents distributed-tracing
-- extension (ce_traceparent/ce_tracestate), so the consumers' work joins the same trace.
alter table messaging_outbox add column trace_parent text;
alter table messaging_outbox add column trace_state  text;

-- The trace of each staged event (W3C traceparent of the record that caused it), so the event is
-- published as the next step of the customer's checkout trace even when the sweep sends it later.
-- NULL for rows staged before traces were kept, and for events without a trace.
ALTER TABLE outbox ADD COLUMN traceparents TEXT[];

-- One outbox row per transaction rather than per event: a batch of a thousand orders stages its
-- two thousand events as three arrays in one row, so the outbox costs one insert and one delete
-- per transaction instead of thousands. The messages keep their order inside the row.
DROP TABLE outbox;

CREATE TABLE outbox (
    id            BIGSERIAL PRIMARY KEY,
    topics        TEXT[] NOT NULL,
    message_keys  TEXT[] NOT NULL,
    payloads      BYTEA[] NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

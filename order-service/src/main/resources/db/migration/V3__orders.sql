-- Orders, written only by order-service. Duplicates are refused by the constraints themselves
-- (primary key on the order id, unique idempotency key), never by a check before the insert.
CREATE TABLE orders (
    -- Free text from customers is TEXT: a long value must never make a batch fail over and over.
    order_id         UUID PRIMARY KEY,
    idempotency_key  TEXT NOT NULL UNIQUE,
    status           VARCHAR(16) NOT NULL,
    -- Grows by one per transition; writes are conditional on the version they read.
    version          BIGINT NOT NULL CHECK (version >= 1),
    reason           TEXT,
    customer_name    TEXT NOT NULL,
    customer_email   TEXT NOT NULL,
    total_cents      BIGINT NOT NULL,
    pickup_at        TIMESTAMPTZ,
    placed_at        TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    web_node         TEXT
);

-- The staff board reads active orders oldest first.
CREATE INDEX orders_active_by_placed_at ON orders (placed_at, order_id)
    WHERE status IN ('ACCEPTED', 'BAKING', 'READY');

CREATE TABLE order_line (
    order_id          UUID NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
    line_no           INTEGER NOT NULL,
    sku               TEXT NOT NULL,
    name              TEXT,
    quantity          INTEGER NOT NULL,
    unit_price_cents  BIGINT NOT NULL,
    bake_seconds      INTEGER,
    PRIMARY KEY (order_id, line_no)
);

-- Transactional outbox: events written in the same transaction as the state change they
-- announce, published after commit and deleted once Kafka acknowledged them. Rows left behind by
-- a crash are swept by every instance (FOR UPDATE SKIP LOCKED shares the work).
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    topic        VARCHAR(100) NOT NULL,
    message_key  VARCHAR(100) NOT NULL,
    payload      BYTEA NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

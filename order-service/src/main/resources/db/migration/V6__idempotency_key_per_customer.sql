-- The same Idempotency-Key from two customers is two orders: a key is unique within its scope, a
-- one-way hash of the customer's session that the web tier sends with each order. Orders from web
-- nodes that send no scope (the release before) share the empty scope, so their keys stay unique
-- across all customers, exactly as before; that release's inserts (no scope column named, ON
-- CONFLICT DO NOTHING without a target) keep working against this index.
ALTER TABLE orders ADD COLUMN idempotency_scope TEXT;
CREATE UNIQUE INDEX orders_idempotency_key_in_scope ON orders (COALESCE(idempotency_scope, ''), idempotency_key);
ALTER TABLE orders DROP CONSTRAINT orders_idempotency_key_key;

CREATE TABLE product (
    sku           VARCHAR(40) PRIMARY KEY,
    name          VARCHAR(120) NOT NULL,
    description   TEXT NOT NULL,
    price_cents   BIGINT NOT NULL CHECK (price_cents > 0),
    bake_seconds  INTEGER NOT NULL CHECK (bake_seconds > 0),
    allergens     VARCHAR(200) NOT NULL DEFAULT ''
);

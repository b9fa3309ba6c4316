-- Every notification the service was asked to deliver, and what became of it.
CREATE TABLE delivery (
    id         uuid PRIMARY KEY,
    recipient  text        NOT NULL,
    kind       text        NOT NULL,
    reference  text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('DELIVERED', 'FAILED')),
    reason     text,
    created_at timestamptz NOT NULL
);

CREATE INDEX delivery_recipient ON delivery (recipient, created_at DESC);
CREATE INDEX delivery_reference ON delivery (reference);

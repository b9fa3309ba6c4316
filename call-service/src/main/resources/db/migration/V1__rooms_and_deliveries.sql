CREATE TABLE room (
    id               uuid PRIMARY KEY,
    org_id           text        NOT NULL,
    name             text        NOT NULL UNIQUE,
    provider         text        NOT NULL,
    url              text        NOT NULL,
    host_url         text        NOT NULL,
    guest_url        text        NOT NULL,
    max_participants int         NOT NULL,
    recording        boolean     NOT NULL,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL
);

CREATE INDEX room_org ON room (org_id, created_at DESC);

-- Deliveries of call notifications to the callee's sockets, as reported by notification-service.
CREATE TABLE call_delivery (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     uuid        NOT NULL,
    call_id      text        NOT NULL,
    recipient    text        NOT NULL,
    delivered_at timestamptz NOT NULL
);

CREATE INDEX call_delivery_call ON call_delivery (call_id);

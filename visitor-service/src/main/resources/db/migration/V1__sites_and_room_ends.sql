CREATE TABLE site (
    id              uuid PRIMARY KEY,
    org_id          text        NOT NULL,
    name            text        NOT NULL,
    publishable_key text        NOT NULL UNIQUE,
    identity_secret text        NOT NULL,
    allowed_domains text[]      NOT NULL,
    active          boolean     NOT NULL,
    demo            boolean     NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE INDEX site_org ON site (org_id);

-- Ends of video rooms as reported by call-service; video invites are completed from these.
CREATE TABLE room_end (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         uuid        NOT NULL,
    room_name        text        NOT NULL,
    ended_at         timestamptz NOT NULL,
    duration_seconds bigint
);

CREATE INDEX room_end_room ON room_end (room_name);

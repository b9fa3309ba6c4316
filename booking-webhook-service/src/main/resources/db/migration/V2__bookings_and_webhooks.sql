-- Cal.com webhook URLs: one or more per organization, each with its own signing secret.
CREATE TABLE webhook_endpoint (
    id         uuid PRIMARY KEY,
    org_id     text        NOT NULL,
    secret     text        NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX webhook_endpoint_org ON webhook_endpoint (org_id);

-- Every accepted delivery, once. Cal.com may deliver twice: the same body, or the same (trigger, uid, createdAt).
CREATE TABLE webhook_receipt (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint_id  uuid        NOT NULL REFERENCES webhook_endpoint (id),
    trigger      text        NOT NULL,
    booking_uid  text,
    sent_at      text,
    body_sha256  text        NOT NULL,
    outcome      text        NOT NULL,
    received_at  timestamptz NOT NULL,
    UNIQUE (endpoint_id, body_sha256)
);

CREATE UNIQUE INDEX webhook_receipt_event ON webhook_receipt (endpoint_id, trigger, booking_uid, sent_at)
    WHERE booking_uid IS NOT NULL AND sent_at IS NOT NULL;

CREATE TABLE booking (
    id                  uuid PRIMARY KEY,
    org_id              text        NOT NULL,
    uid                 text        NOT NULL,
    calcom_id           bigint,
    title               text,
    event_type          text,
    status              text        NOT NULL,
    -- Cal.com's createdAt of the newest webhook that set the status: an older one arriving late does not undo it.
    status_at           timestamptz NOT NULL,
    start_at            timestamptz,
    end_at              timestamptz,
    host_name           text,
    host_email          text,
    host_time_zone      text,
    member_name         text,
    member_email        text,
    member_phone        text,
    member_time_zone    text,
    location            text,
    room_status         text        NOT NULL DEFAULT 'NOT_CREATED',
    room_source         text,
    room_name           text,
    room_url            text,
    host_url            text,
    guest_url           text,
    room_attempts       integer     NOT NULL DEFAULT 0,
    room_next_attempt   timestamptz,
    room_last_error     text,
    room_removed_at     timestamptz,
    rescheduled_from    text,
    rescheduled_to      text,
    cancellation_reason text,
    cancelled_by        text,
    host_joined         boolean     NOT NULL DEFAULT false,
    member_joined       boolean     NOT NULL DEFAULT false,
    host_joined_at      timestamptz,
    member_joined_at    timestamptz,
    member_no_show      boolean,
    completed_at        timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    UNIQUE (org_id, uid)
);

CREATE INDEX booking_org_start ON booking (org_id, start_at);
CREATE INDEX booking_room_name ON booking (room_name);
-- The room job only looks at bookings that need a room made or removed.
CREATE INDEX booking_room_work ON booking (room_next_attempt) WHERE room_next_attempt IS NOT NULL;

CREATE TABLE booking_history (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id uuid        NOT NULL REFERENCES booking (id),
    at         timestamptz NOT NULL,
    what       text        NOT NULL,
    detail     text
);

CREATE INDEX booking_history_booking ON booking_history (booking_id, id);

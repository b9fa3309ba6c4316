-- Directory: the companies of an organization and their staff and client users. A user's id is their JWT sub.
CREATE TABLE company (
    id         uuid PRIMARY KEY,
    org_id     text        NOT NULL,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE directory_user (
    id         uuid PRIMARY KEY,
    org_id     text        NOT NULL,
    user_id    text        NOT NULL,
    company_id uuid        NOT NULL REFERENCES company (id),
    role       text        NOT NULL CHECK (role IN ('staff', 'client')),
    name       text        NOT NULL,
    email      text,
    avatar_url text,
    phone      text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (org_id, user_id)
);

CREATE INDEX directory_user_company ON directory_user (company_id, role, lower(name));

-- Rooms now come from Daily too.
ALTER TABLE room
    ADD COLUMN provider_room_id text,
    ADD COLUMN started_at       timestamptz,
    ADD COLUMN ended_at         timestamptz,
    ADD COLUMN deleted_at       timestamptz;

-- Calls between a staff member and a client of the same company.
CREATE TABLE call (
    id               uuid PRIMARY KEY,
    org_id           text        NOT NULL,
    company_id       uuid        NOT NULL REFERENCES company (id),
    caller_id        text        NOT NULL,
    callee_id        text        NOT NULL,
    initiated_by     text        NOT NULL CHECK (initiated_by IN ('staff', 'client')),
    status           text        NOT NULL,
    room_name        text        NOT NULL UNIQUE REFERENCES room (name),
    created_at       timestamptz NOT NULL,
    ring_deadline    timestamptz NOT NULL,
    ringing_at       timestamptz,
    answered_at      timestamptz,
    ended_at         timestamptz,
    ended_by         text,
    duration_seconds integer,
    duration_source  text,
    recording_id     text,
    recording_key    text,
    recording_seconds integer
);

-- The ring timeout job only ever looks at unanswered calls.
CREATE INDEX call_unanswered ON call (ring_deadline) WHERE status IN ('INITIATED', 'RINGING');
CREATE INDEX call_caller ON call (org_id, caller_id, created_at DESC);
CREATE INDEX call_callee ON call (org_id, callee_id, created_at DESC);
CREATE INDEX call_org ON call (org_id, created_at DESC);

-- A user is on at most one active call: a line per party while the call is active. The primary key makes a
-- concurrent second call to a busy user fail instead of racing a read-then-write check.
CREATE TABLE call_line (
    org_id  text NOT NULL,
    user_id text NOT NULL,
    call_id uuid NOT NULL REFERENCES call (id),
    PRIMARY KEY (org_id, user_id)
);

-- Every status change of a call, with who caused it.
CREATE TABLE call_transition (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id     uuid        NOT NULL REFERENCES call (id),
    from_status text        NOT NULL,
    to_status   text        NOT NULL,
    actor       text        NOT NULL,
    at          timestamptz NOT NULL
);

CREATE INDEX call_transition_call ON call_transition (call_id, id);

-- Daily webhook deliveries, once each (Daily may deliver an event more than once).
CREATE TABLE daily_webhook_event (
    event_id    text PRIMARY KEY,
    type        text        NOT NULL,
    room_name   text,
    received_at timestamptz NOT NULL
);

-- Participant sessions in rooms, from participant.joined / participant.left.
CREATE TABLE room_participant (
    session_id       text PRIMARY KEY,
    room_name        text        NOT NULL,
    user_id          text,
    user_name        text,
    owner            boolean     NOT NULL DEFAULT false,
    joined_at        timestamptz,
    left_at          timestamptz,
    duration_seconds integer
);

CREATE INDEX room_participant_room ON room_participant (room_name);

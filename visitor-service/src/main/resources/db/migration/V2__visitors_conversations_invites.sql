-- Organizations: their display name and how long anonymous visitors are kept.
CREATE TABLE organization (
    id             text PRIMARY KEY,
    name           text,
    retention_days integer     NOT NULL DEFAULT 90 CHECK (retention_days BETWEEN 1 AND 3650),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- Known people: a site's backend identified a visitor as one of its users (HMAC of the external id).
CREATE TABLE contact (
    id          uuid PRIMARY KEY,
    org_id      text        NOT NULL,
    site_id     uuid        NOT NULL REFERENCES site (id),
    external_id text        NOT NULL,
    email       text,
    name        text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (site_id, external_id)
);

-- One browser on one site (the widget's v_<uuid>). Written by one upsert statement per tracking call.
-- state is what dashboards were last told (visitor.seen/idle/left); NULL = nothing published yet.
CREATE TABLE visitor (
    id               uuid PRIMARY KEY,
    site_id          uuid        NOT NULL REFERENCES site (id),
    org_id           text        NOT NULL,
    contact_id       uuid REFERENCES contact (id) ON DELETE SET NULL,
    first_seen_at    timestamptz NOT NULL,
    last_seen_at     timestamptz NOT NULL,
    last_active_at   timestamptz NOT NULL,
    visit_started_at timestamptz NOT NULL,
    visits           integer     NOT NULL,
    page_views       bigint      NOT NULL,
    visit_page_views integer     NOT NULL,
    visible_ms       bigint      NOT NULL,
    visit_visible_ms bigint      NOT NULL,
    visible          boolean     NOT NULL,
    current_url      text,
    current_title    text,
    referrer         text,
    user_agent       text,
    timezone         text,
    locale           text,
    country          text,
    city             text,
    company          text,
    website          text,
    state            text,
    state_changed_at timestamptz
);

CREATE INDEX visitor_org_seen ON visitor (org_id, last_seen_at DESC);
CREATE INDEX visitor_seen ON visitor (last_seen_at);
CREATE INDEX visitor_unsettled ON visitor (state_changed_at) WHERE state IS DISTINCT FROM 'left';
CREATE INDEX visitor_contact ON visitor (contact_id) WHERE contact_id IS NOT NULL;

-- Start of each visit (a visit ends after 30 minutes without a request): return rate, time between visits.
CREATE TABLE visit (
    visitor_id uuid        NOT NULL REFERENCES visitor (id) ON DELETE CASCADE,
    started_at timestamptz NOT NULL,
    PRIMARY KEY (visitor_id, started_at)
);

CREATE INDEX visit_started ON visit (started_at);

-- The browsing timeline.
CREATE TABLE page_view (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    visitor_id uuid        NOT NULL REFERENCES visitor (id) ON DELETE CASCADE,
    url        text        NOT NULL,
    title      text,
    referrer   text,
    viewed_at  timestamptz NOT NULL,
    left_at    timestamptz
);

CREATE INDEX page_view_visitor ON page_view (visitor_id, viewed_at DESC);

CREATE TABLE conversation (
    id         uuid PRIMARY KEY,
    org_id     text        NOT NULL,
    site_id    uuid        NOT NULL REFERENCES site (id),
    visitor_id uuid REFERENCES visitor (id) ON DELETE CASCADE,
    subject    text,
    status     text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE INDEX conversation_visitor ON conversation (visitor_id, created_at DESC);
CREATE INDEX conversation_org ON conversation (org_id, updated_at DESC);

CREATE TABLE message (
    id              uuid PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    sender_type     text        NOT NULL CHECK (sender_type IN ('visitor', 'staff')),
    sender_id       text        NOT NULL,
    sender_name     text,
    body            text        NOT NULL,
    sent_at         timestamptz NOT NULL
);

CREATE INDEX message_conversation ON message (conversation_id, sent_at);

-- Video invites: every invite is kept; a resend is a new row with the same session and URLs.
CREATE TABLE invite (
    id               uuid PRIMARY KEY,
    org_id           text        NOT NULL,
    site_id          uuid        NOT NULL REFERENCES site (id),
    visitor_id       uuid        NOT NULL REFERENCES visitor (id) ON DELETE CASCADE,
    session_id       text        NOT NULL,
    room_id          text        NOT NULL,
    host_url         text        NOT NULL,
    guest_url        text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('invited', 'accepted', 'declined', 'expired', 'cancelled', 'completed')),
    invited_by       text        NOT NULL,
    invited_by_name  text,
    message          text,
    resent_from      uuid,
    invited_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    room_expires_at  timestamptz NOT NULL,
    accepted_at      timestamptz,
    declined_at      timestamptz,
    expired_at       timestamptz,
    cancelled_at     timestamptz,
    completed_at     timestamptz,
    duration_seconds bigint,
    updated_at       timestamptz NOT NULL
);

CREATE INDEX invite_visitor ON invite (visitor_id, invited_at DESC);
CREATE INDEX invite_org_time ON invite (org_id, invited_at);
CREATE INDEX invite_session ON invite (org_id, session_id);
CREATE INDEX invite_room ON invite (room_id) WHERE status = 'accepted';
CREATE INDEX invite_due ON invite (expires_at) WHERE status = 'invited';

-- Widget events as the widget sent them (plus inferred call_ends, flagged). Never updated, never deleted, except
-- that erasing a visitor forgets their visitor id.
CREATE TABLE widget_event (
    id          uuid PRIMARY KEY,
    site_id     uuid        NOT NULL,
    -- The client's event id, or inferred:<call_start id> for an inferred end: one row per id and site.
    event_id    text        NOT NULL,
    session_id  text        NOT NULL,
    type        text        NOT NULL CHECK (type IN ('widget_load', 'widget_open', 'call_start', 'call_end', 'call_error')),
    occurred_at timestamptz NOT NULL,
    clamped     boolean     NOT NULL DEFAULT false,
    received_at timestamptz NOT NULL,
    source      text        NOT NULL CHECK (source IN ('widget', 'beacon', 'inferred')),
    page_url    text,
    user_agent  text,
    visitor_id  text,
    call_ref    text,
    metadata    jsonb,
    UNIQUE (site_id, event_id)
);

CREATE INDEX widget_event_site_time ON widget_event (site_id, occurred_at);
CREATE INDEX widget_event_session ON widget_event (site_id, session_id, type);
CREATE INDEX widget_event_call_start ON widget_event (occurred_at) WHERE type = 'call_start';
CREATE INDEX widget_event_visitor ON widget_event (visitor_id) WHERE visitor_id IS NOT NULL;

-- Bots and headless browsers are not stored, only counted, per site and day.
CREATE TABLE filtered_bots (
    site_id uuid NOT NULL,
    day     date NOT NULL,
    count   bigint NOT NULL,
    PRIMARY KEY (site_id, day)
);

-- The real end of calls, from call-service (call.ended, room.ended), by the call id and by the room name.
CREATE TABLE server_call_end (
    call_ref         text PRIMARY KEY,
    ended_at         timestamptz,
    duration_seconds bigint NOT NULL,
    source_event     text        NOT NULL
);

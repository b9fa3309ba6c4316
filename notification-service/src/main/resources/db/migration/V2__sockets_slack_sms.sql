-- A delivery is one notification on one channel to one recipient: a socket frame, a Slack post or an SMS.
-- Slack posts and SMS are also the schedule: pending rows with a due time, claimed by the dispatch job.
ALTER TABLE delivery DROP CONSTRAINT delivery_status_check;
UPDATE delivery SET status = lower(status);
ALTER TABLE delivery RENAME COLUMN reference TO subject_id;
ALTER TABLE delivery RENAME COLUMN reason TO last_error;
ALTER TABLE delivery
    ADD COLUMN org         text,
    ADD COLUMN channel     text        NOT NULL DEFAULT 'socket',
    ADD COLUMN type        text,
    ADD COLUMN visitor_id  text,
    ADD COLUMN attempts    int         NOT NULL DEFAULT 0,
    ADD COLUMN due_at      timestamptz,
    ADD COLUMN not_after   timestamptz,
    ADD COLUMN lease_until timestamptz,
    ADD COLUMN dedupe_key  text,
    ADD COLUMN payload     jsonb,
    ADD COLUMN provider_id text,
    ADD COLUMN updated_at  timestamptz;
UPDATE delivery SET type = kind, updated_at = created_at;
ALTER TABLE delivery
    ALTER COLUMN type SET NOT NULL,
    ALTER COLUMN updated_at SET NOT NULL,
    ADD CONSTRAINT delivery_status_check CHECK (status IN ('pending', 'sent', 'delivered', 'failed', 'skipped')),
    ADD CONSTRAINT delivery_channel_check CHECK (channel IN ('socket', 'slack', 'sms'));

-- At most once per (booking, template), per (campaign, phone), ...
CREATE UNIQUE INDEX delivery_dedupe ON delivery (dedupe_key);
CREATE UNIQUE INDEX delivery_provider ON delivery (provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX delivery_due ON delivery (due_at) WHERE status = 'pending' AND channel <> 'socket';
CREATE INDEX delivery_org ON delivery (org, created_at DESC);
CREATE INDEX delivery_visitor ON delivery (visitor_id) WHERE visitor_id IS NOT NULL;
DROP INDEX delivery_reference;
CREATE INDEX delivery_subject ON delivery (subject_id);

-- The replay window: socket notifications, kept a short while so a reconnecting client can ask for what it
-- missed since its last id. audience: user:<org>:<sub>, staff:<org> or visitor:<site>:<visitor>.
CREATE TABLE notification (
    id          bigserial PRIMARY KEY,
    audience    text        NOT NULL,
    org         text        NOT NULL,
    type        text        NOT NULL,
    payload     jsonb       NOT NULL,
    delivery_id uuid,
    visitor_id  text,
    created_at  timestamptz NOT NULL
);
CREATE INDEX notification_audience ON notification (audience, id);
CREATE INDEX notification_created ON notification (created_at);
CREATE INDEX notification_visitor ON notification (visitor_id) WHERE visitor_id IS NOT NULL;

-- Presence: the open sockets of every replica. A replica renews its lease; sockets of a replica whose lease ran
-- out (it died) are not counted and are cleaned up by any other replica.
CREATE TABLE replica (
    id          text PRIMARY KEY,
    lease_until timestamptz NOT NULL
);
CREATE TABLE socket (
    id        text PRIMARY KEY,
    replica   text        NOT NULL,
    org       text        NOT NULL,
    kind      text        NOT NULL CHECK (kind IN ('user', 'visitor')),
    subject   text        NOT NULL,
    audiences text[]      NOT NULL,
    opened_at timestamptz NOT NULL
);
CREATE INDEX socket_subject ON socket (org, subject);
CREATE INDEX socket_replica ON socket (replica);
CREATE INDEX socket_audiences ON socket USING gin (audiences);

-- What the visitor socket needs to know of a site, kept from frontdesk.sites.
CREATE TABLE site (
    id              uuid PRIMARY KEY,
    org_id          text        NOT NULL,
    publishable_key text        NOT NULL,
    allowed_domains text[]      NOT NULL,
    active          boolean     NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX site_publishable_key ON site (publishable_key);

-- Per-organization Slack destination. The webhook URL is the credential: it is never returned or logged.
CREATE TABLE slack_destination (
    org           text PRIMARY KEY,
    webhook_url   text        NOT NULL,
    events        text[]      NOT NULL,
    broken_reason text,
    broken_at     timestamptz,
    updated_at    timestamptz NOT NULL
);

-- SMS templates: org '*' holds the defaults; an organization's edit is its own row.
CREATE TABLE sms_template (
    org        text        NOT NULL,
    key        text        NOT NULL,
    name       text        NOT NULL,
    body       text        NOT NULL,
    active     boolean     NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (org, key)
);
INSERT INTO sms_template (org, key, name, body, active, updated_at) VALUES
    ('*', 'pre-session-reminder', 'Pre-Session Reminder',
     'Hi {{memberName}}, your session with {{hostName}} starts at {{startTime}}. Join: {{joinUrl}}', true, now()),
    ('*', 'post-session-thank-you', 'Post-Session Thank You',
     'Thank you for your session with {{hostName}}, {{memberName}}. We hope to see you again soon.', true, now()),
    ('*', 'holiday-message', 'Holiday Message',
     'Happy holidays, {{memberName}}! Thank you for being with us this year.', true, now()),
    ('*', 'inactive-48h-reminder', 'Inactive 48h Reminder',
     'Hi {{memberName}}, how did your session with {{hostName}} go? Book your next one whenever you are ready.', true, now());

-- Bookings as far as reminders need them, kept from frontdesk.bookings.
CREATE TABLE booking (
    uid              text PRIMARY KEY,
    org              text        NOT NULL,
    status           text        NOT NULL,
    title            text,
    start_at         timestamptz,
    end_at           timestamptz,
    host_name        text,
    member_name      text,
    member_email     text,
    member_phone     text,
    member_time_zone text,
    member_join_url  text,
    booked_at        timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX booking_member_email ON booking (org, lower(member_email));
CREATE INDEX booking_member_phone ON booking (org, member_phone) WHERE member_phone IS NOT NULL;

-- Numbers that opted out (Twilio error 21610): no SMS goes to them any more.
CREATE TABLE sms_opt_out (
    phone          text PRIMARY KEY,
    reason         text        NOT NULL,
    opted_out_at   timestamptz NOT NULL
);

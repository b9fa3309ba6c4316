-- A booking's members (one per seat of a seated event type; the booker and guests otherwise), kept from
-- frontdesk.bookings: each has their own reminders. booking.member_* keep the first of them.
CREATE TABLE booking_member (
    uid        text        NOT NULL,
    -- booking-webhook-service's key: the lower-cased email, else seat:<seat uid>
    member_key text        NOT NULL,
    name       text,
    email      text,
    phone      text,
    time_zone  text,
    -- false once their seat is cancelled (or they are no longer listed)
    booked     boolean     NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (uid, member_key)
);

CREATE INDEX booking_member_by_email ON booking_member (lower(email));
CREATE INDEX booking_member_by_phone ON booking_member (phone) WHERE phone IS NOT NULL;

-- The member a booking reminder is for; dedupe_key is then <uid>:<template>:<member_key>.
ALTER TABLE delivery ADD COLUMN member_key text;

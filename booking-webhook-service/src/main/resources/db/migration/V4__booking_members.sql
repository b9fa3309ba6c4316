-- A booking's members: the people who booked it. A seated event type has one booking (one uid) and a member per
-- seat, each arriving in its own BOOKING_CREATED and cancelling on its own (INTEGRATIONS.md §1.10); any other booking
-- has its booker and the guests they added. booking.member_* keep the first member still booked.
CREATE TABLE booking_member (
    id          uuid PRIMARY KEY,
    booking_id  uuid        NOT NULL REFERENCES booking (id),
    -- The member within the booking: the lower-cased email (Cal.com gives every attendee one and seats one person
    -- once per booking), else the seat's uid.
    member_key  text        NOT NULL,
    name        text,
    email       text,
    phone       text,
    time_zone   text,
    seat_uid    text,
    -- booked or cancelled (the seat, not the booking)
    status      text        NOT NULL,
    -- Cal.com's createdAt of the newest webhook that set it: a late create does not bring back a cancelled seat.
    status_at   timestamptz NOT NULL,
    no_show     boolean,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (booking_id, member_key)
);

-- Members of the bookings made before this table: their one member.
INSERT INTO booking_member (id, booking_id, member_key, name, email, phone, time_zone, status, status_at, no_show,
                            created_at, updated_at)
SELECT gen_random_uuid(), id, lower(member_email), member_name, member_email, member_phone, member_time_zone,
       'booked', status_at, member_no_show, created_at, updated_at
FROM booking WHERE member_email IS NOT NULL;

-- A seated event type (Cal.com's seatsPerTimeSlot): a cancel naming some members cancels only their seats.
ALTER TABLE booking ADD COLUMN seats_per_time_slot integer;
-- A host cancelled and asked the member to book again (Cal.com's requestReschedule).
ALTER TABLE booking ADD COLUMN reschedule_requested boolean NOT NULL DEFAULT false;

-- host_joined / member_joined (and their times) are set when someone asks to join (the seed's meaning); what the
-- room itself reported (Daily's participant.joined through call-service) is kept beside them.
ALTER TABLE booking ADD COLUMN host_participant_joined_at timestamptz;
ALTER TABLE booking ADD COLUMN member_participant_joined_at timestamptz;
UPDATE booking SET host_participant_joined_at = host_joined_at WHERE host_joined;
UPDATE booking SET member_participant_joined_at = member_joined_at WHERE member_joined;

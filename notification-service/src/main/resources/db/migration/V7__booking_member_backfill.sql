-- Bookings and reminders from before members (V5): their single member, keyed as booking-webhook-service keys them
-- (its V4 gives those bookings the same member), so their next events find the same reminders instead of
-- scheduling them twice.
INSERT INTO booking_member (uid, member_key, name, email, phone, time_zone, booked, updated_at)
SELECT uid, coalesce(lower(member_email), 'booker'), member_name, member_email, member_phone, member_time_zone, true,
       updated_at
FROM booking
ON CONFLICT DO NOTHING;

UPDATE delivery d SET member_key = coalesce(lower(b.member_email), 'booker'),
                      dedupe_key = d.dedupe_key || ':' || coalesce(lower(b.member_email), 'booker')
FROM booking b
WHERE b.uid = d.subject_id AND d.channel = 'sms' AND d.kind = 'booking' AND d.member_key IS NULL
  AND d.dedupe_key = d.subject_id || ':' || d.type;

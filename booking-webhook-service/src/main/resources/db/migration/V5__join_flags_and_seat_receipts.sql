-- host_joined / member_joined now mean "asked to join" (V4): bookings whose join time was set by a request before
-- that get their flag.
UPDATE booking SET host_joined = true WHERE host_joined_at IS NOT NULL;
UPDATE booking SET member_joined = true WHERE member_joined_at IS NOT NULL;

-- Two seats of one booking can be delivered with the same createdAt: a delivery of a seated event type is one per
-- (trigger, uid, createdAt, seat), the seat being its attendee's member key.
ALTER TABLE webhook_receipt ADD COLUMN seat text;
DROP INDEX webhook_receipt_event;
CREATE UNIQUE INDEX webhook_receipt_event ON webhook_receipt (endpoint_id, trigger, booking_uid, sent_at, coalesce(seat, ''))
    WHERE booking_uid IS NOT NULL AND sent_at IS NOT NULL;

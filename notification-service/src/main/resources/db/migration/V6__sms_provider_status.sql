-- An SMS's status as Twilio reports it (queued, sending, sent, undelivered, failed, canceled, delivered, read) and
-- the error code of a failure. Twilio's callbacks arrive out of order and repeated: the status only moves forward
-- (TwilioMessageStatus), and a failure's error code stays once recorded.
ALTER TABLE delivery
    ADD COLUMN provider_status     text,
    ADD COLUMN provider_error_code integer;

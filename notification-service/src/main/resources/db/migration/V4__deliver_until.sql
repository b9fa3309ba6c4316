-- A frame that stops being true (a call no longer ringing, an invite no longer open) is not delivered after
-- deliver_until: neither live nor replayed. subject_id names the call or invite it is about.
ALTER TABLE notification ADD COLUMN subject_id text;
ALTER TABLE notification ADD COLUMN deliver_until timestamptz;
CREATE INDEX notification_open_subject_idx ON notification (org, subject_id, type) WHERE deliver_until IS NOT NULL;

-- Room names belong to whoever made the room, within their organization: two organizations, or a client and
-- booking-webhook-service of one organization, may each have a room "bk-<uid>" (nobody can take a name another needs).
-- The provider (Daily: one name space per domain) gets a name that carries that scope; rooms made before keep theirs.
ALTER TABLE room ADD COLUMN provider_name text;
UPDATE room SET provider_name = name;
ALTER TABLE room ALTER COLUMN provider_name SET NOT NULL;
ALTER TABLE room ADD CONSTRAINT room_provider_name_key UNIQUE (provider_name);
-- A call names its room by id from now on (the names of two organizations' rooms may be equal).
ALTER TABLE call ADD COLUMN room_id uuid REFERENCES room (id);
UPDATE call SET room_id = room.id FROM room WHERE room.name = call.room_name;
ALTER TABLE call ALTER COLUMN room_id SET NOT NULL;
ALTER TABLE call DROP CONSTRAINT call_room_name_fkey;
ALTER TABLE room DROP CONSTRAINT room_name_key;
ALTER TABLE room ADD CONSTRAINT room_owner_name_key UNIQUE (org_id, created_by, name);

COMMENT ON COLUMN room_participant.room_name IS 'the provider''s room name (room.provider_name)';

-- Owners say what they are: "service:<name>" for a service (call-service itself for calls' rooms), "user:<sub>" for a
-- user, so that no user's subject (whatever their identity provider allows) can ever equal a service's owner.
UPDATE room SET created_by = 'service:' || created_by
 WHERE created_by IN ('booking-webhook-service', 'visitor-service');
UPDATE room SET created_by = 'service:call-service' WHERE id IN (SELECT room_id FROM call);
UPDATE room SET created_by = 'user:' || created_by WHERE created_by NOT LIKE 'service:%';

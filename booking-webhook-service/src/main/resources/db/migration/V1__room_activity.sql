-- Who joined which video room and when, as reported by call-service; bookings read it to mark host/member joined.
CREATE TABLE room_activity (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    uuid        NOT NULL,
    room_name   text        NOT NULL,
    participant text,
    joined_at   timestamptz NOT NULL
);

CREATE INDEX room_activity_room ON room_activity (room_name);

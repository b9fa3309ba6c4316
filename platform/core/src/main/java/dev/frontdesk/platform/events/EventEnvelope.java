package dev.frontdesk.platform.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A CloudEvent as it travels on Kafka in binary mode: attributes in {@code ce_*} headers, the JSON payload as
 * the record value, the aggregate id as the record key.
 */
public record EventEnvelope(UUID id, String type, String source, String subject, OffsetDateTime time, String topic,
        byte[] payload) {

    /** Reads the envelope of a consumed record; a record without the required attributes is malformed. */
    public static EventEnvelope of(ConsumerRecord<String, byte[]> record) {
        String id = required(record, CloudEventHeaders.ID);
        String type = required(record, CloudEventHeaders.TYPE);
        String source = required(record, CloudEventHeaders.SOURCE);
        String time = header(record, CloudEventHeaders.TIME);
        String subject = header(record, CloudEventHeaders.SUBJECT);
        if (record.value() == null) {
            throw new MalformedEventException("Event " + id + " has no payload");
        }
        try {
            return new EventEnvelope(UUID.fromString(id), type, source, subject == null ? record.key() : subject,
                    time == null ? null : OffsetDateTime.parse(time), record.topic(), record.value());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("Event has a malformed ce_id or ce_time: " + e.getMessage(), e);
        }
    }

    /** The payload bound to a type; a payload that does not fit is malformed. */
    public <T> T payloadAs(ObjectMapper mapper, Class<T> type) {
        try {
            return mapper.readValue(payload, type);
        } catch (IOException e) {
            throw new MalformedEventException("Payload of " + this.type + " " + id + " is not a " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static String required(ConsumerRecord<String, byte[]> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("Record " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " has no " + name + " header");
        }
        return value;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

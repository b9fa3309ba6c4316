package dev.frontdesk.call.client;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Daily's JSON bodies (snake_case, timestamps in Unix seconds). */
public final class DailyModel {

    private DailyModel() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateRoom(String name, String privacy, RoomProperties properties) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoomProperties(Long exp, Integer maxParticipants, Boolean enableScreenshare, Boolean enableChat,
            String enableRecording, Boolean ejectAtRoomExp) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Room(String id, String name, Boolean apiCreated, String privacy, String url, String createdAt,
            Map<String, Object> config) {
    }

    public record Deleted(Boolean deleted, String name) {
    }

    public record CreateToken(TokenProperties properties) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenProperties(String roomName, Boolean isOwner, String userId, String userName, Long exp) {
    }

    public record Token(String token) {
    }

    public record Error(String error, String info) {
    }
}

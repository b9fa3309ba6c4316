package dev.frontdesk.visitor.invites;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.frontdesk.platform.persistence.LowerCaseEnumConverter;

/** The life of a video invite. The transition table below is the only place that says what may follow what. */
public enum InviteStatus {
    INVITED, ACCEPTED, DECLINED, EXPIRED, CANCELLED, COMPLETED;

    private static final Map<InviteStatus, Set<InviteStatus>> NEXT = Map.of(
            INVITED, Set.of(ACCEPTED, DECLINED, EXPIRED, CANCELLED),
            ACCEPTED, Set.of(COMPLETED),
            DECLINED, Set.of(),
            EXPIRED, Set.of(),
            CANCELLED, Set.of(),
            COMPLETED, Set.of());

    public boolean canBecome(InviteStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** As stored and as the API shows it: lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InviteStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @jakarta.persistence.Converter
    public static class Converter extends LowerCaseEnumConverter<InviteStatus> {
        public Converter() {
            super(InviteStatus.class);
        }
    }
}

package dev.frontdesk.booking.service;

import java.util.Map;

import dev.frontdesk.platform.problem.AccessDeniedException;

/**
 * A member's join link that lets nobody in (403). Its {@code reason} ({@code expired} or {@code invalid}) is a member
 * of the problem, so the join page can tell "ask for a new link" from "this link is broken" without reading prose.
 */
public class JoinLinkRefusedException extends AccessDeniedException {

    public static final String EXPIRED = "expired";
    public static final String INVALID = "invalid";

    private final String reason;

    private JoinLinkRefusedException(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public static JoinLinkRefusedException expired() {
        return new JoinLinkRefusedException(EXPIRED, "This join link has expired.");
    }

    public static JoinLinkRefusedException invalid() {
        return new JoinLinkRefusedException(INVALID, "This join link is not valid.");
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("reason", reason);
    }
}

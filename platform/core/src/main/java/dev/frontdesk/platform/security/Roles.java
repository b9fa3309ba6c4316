package dev.frontdesk.platform.security;

/** The {@code groups} of a Frontdesk token. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String STAFF = "staff";
    public static final String CLIENT = "client";
    /** Another Frontdesk service calling on its own behalf (e.g. booking-webhook-service asking for a room). */
    public static final String SERVICE = "service";

    private Roles() {
    }
}

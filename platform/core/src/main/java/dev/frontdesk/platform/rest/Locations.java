package dev.frontdesk.platform.rest;

import java.net.URI;

import jakarta.ws.rs.core.UriBuilder;

/**
 * The {@code Location} of a created resource: {@code collection} plus the id as one percent-encoded path segment,
 * so an id with spaces, quotes or slashes ({@code a b'c}) can never fail after the write (the server resolves it
 * against the address the client used, forwarded headers included).
 */
public final class Locations {

    private Locations() {
    }

    public static URI of(String collection, Object id) {
        return UriBuilder.fromPath(collection).segment(String.valueOf(id)).build();
    }
}

package dev.frontdesk.call.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import dev.frontdesk.call.config.DailyConfig;

/** Adds {@code Authorization: Bearer <key>}; the key is read from config and never logged. */
@ApplicationScoped
public class DailyAuthorization implements ClientHeadersFactory {

    private final DailyConfig config;

    public DailyAuthorization(DailyConfig config) {
        this.config = config;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        config.apiKey().ifPresent(key -> headers.add("Authorization", "Bearer " + key));
        return headers;
    }
}

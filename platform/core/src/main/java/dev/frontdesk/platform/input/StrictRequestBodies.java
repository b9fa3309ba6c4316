package dev.frontdesk.platform.input;

import jakarta.inject.Singleton;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The mapper for request bodies of our own REST API: on top of {@link JsonInputPolicy}, an unknown field (a typo
 * such as {@code alowedDomains} would otherwise be dropped silently) and a null element in a list or map
 * ({@code "events":[null]}) are 400s that name the field. Server side only: REST clients read vendors' answers
 * with the tolerant mapper.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Singleton
public class StrictRequestBodies implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    public StrictRequestBodies(ObjectMapper mapper) {
        this.strict = strict(mapper);
    }

    /** {@code mapper} with the stricter rules for our own request bodies. */
    public static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        strict.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        return strict;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}

package dev.frontdesk.visitor.widget;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.frontdesk.platform.problem.InvalidRequestException;

/**
 * Reads widget bodies that may come as {@code text/plain} ({@code navigator.sendBeacon} sends no JSON content type):
 * parsed with the service's JSON rules (unknown fields refused) and validated like a JSON body.
 */
@ApplicationScoped
public class WidgetRequests {

    private final ObjectMapper mapper;
    private final Validator validator;

    public WidgetRequests(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("The body is empty.");
        }
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidRequestException("Unknown field '" + e.getPropertyName() + "'.");
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream().map(reference -> reference.getFieldName()).filter(java.util.Objects::nonNull)
                    .reduce((a, b) -> a + "." + b).orElse("body");
            throw new InvalidRequestException(field + ": has the wrong type.");
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("The body is not well-formed JSON.");
        }
        if (value == null) {
            throw new InvalidRequestException("The body must be a JSON object.");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }
}

package dev.frontdesk.visitor.widget;

import java.io.IOException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.frontdesk.platform.input.JsonProblems;
import dev.frontdesk.platform.input.StrictRequestBodies;
import dev.frontdesk.platform.input.TextHandling;
import dev.frontdesk.platform.problem.InvalidRequestException;

/**
 * Reads widget bodies that may come as {@code text/plain} ({@code navigator.sendBeacon} sends no JSON content type):
 * parsed with the rules of our request bodies (unknown fields and null elements refused), except that text from the
 * browser is cleaned of control characters rather than refused ({@link TextHandling#CLEAN}), and validated like a
 * JSON body.
 */
@ApplicationScoped
public class WidgetRequests {

    private final ObjectReader reader;
    private final Validator validator;

    public WidgetRequests(ObjectMapper mapper, Validator validator) {
        this.reader = TextHandling.cleaning(StrictRequestBodies.strict(mapper));
        this.validator = validator;
    }

    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("The body is empty.");
        }
        T value;
        try {
            value = reader.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        } catch (IOException e) {
            throw new InvalidRequestException("The body could not be read.");
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

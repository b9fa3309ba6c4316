package dev.frontdesk.platform.persistence;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

/**
 * Stores an enum as its lower-case name ({@code pending}, {@code invited}, …), the form the APIs show and the
 * tables' CHECK constraints list. An entity's enum declares a one-line {@code Converter} subclass of this.
 */
public abstract class LowerCaseEnumConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected LowerCaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String value) {
        return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}

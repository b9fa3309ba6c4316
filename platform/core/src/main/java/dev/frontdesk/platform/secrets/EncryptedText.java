package dev.frontdesk.platform.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * A text column kept encrypted by {@link SecretBox}: {@code @Convert(converter = EncryptedText.class)} on the field.
 * Queries cannot compare such a column; the entity holds the plaintext.
 */
@ApplicationScoped
@Converter
public class EncryptedText implements AttributeConverter<String, String> {

    private final SecretBox box;

    public EncryptedText(SecretBox box) {
        this.box = box;
    }

    @Override
    public String convertToDatabaseColumn(String plaintext) {
        return box.seal(plaintext);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return box.open(stored);
    }
}

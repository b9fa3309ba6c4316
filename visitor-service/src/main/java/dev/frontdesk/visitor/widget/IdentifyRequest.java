package dev.frontdesk.visitor.widget;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.frontdesk.platform.input.BrowserText;
import dev.frontdesk.platform.input.Verbatim;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The site's backend vouches for a visitor: {@code signature} = hex HMAC-SHA256 of {@code externalId} under the
 * site's identity secret. {@code externalId} and {@code signature} must arrive exactly as signed (a control character
 * in them is a 400 naming the field, and a placeholder id such as {@code undefined} too: {@link ExternalIds}); the
 * traits are kept as the page gave them: {@code name} cleaned of control characters and cut to {@value #NAME}
 * characters, {@code email} cleaned.
 */
// Read with Jackson by WidgetRequests (a text/plain body), outside Quarkus' REST layer: a native image keeps it only if
// registered.
@RegisterForReflection
public record IdentifyRequest(
        @Verbatim @NotBlank @Size(max = 200) String externalId,
        @Email @Size(max = 320) String email,
        String name,
        @Verbatim @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the hex HMAC-SHA256 of externalId") String signature) {

    static final int NAME = 200;

    public IdentifyRequest {
        name = BrowserText.keep(name, NAME);
    }
}

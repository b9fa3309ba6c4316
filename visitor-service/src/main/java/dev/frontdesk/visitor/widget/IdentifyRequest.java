package dev.frontdesk.visitor.widget;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The site's backend vouches for a visitor: {@code signature} = hex HMAC-SHA256 of {@code externalId} under the site's identity secret. */
public record IdentifyRequest(
        @NotBlank @Size(max = 200) String externalId,
        @Email @Size(max = 320) String email,
        @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the hex HMAC-SHA256 of externalId") String signature) {
}

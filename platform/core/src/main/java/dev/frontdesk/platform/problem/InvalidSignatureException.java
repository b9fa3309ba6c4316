package dev.frontdesk.platform.problem;

/**
 * A webhook delivery whose signature is missing, stale or wrong: a 401 whose answer names the signature header,
 * because the vendor's delivery log is where an operator reads it; never a bearer-token challenge.
 */
public class InvalidSignatureException extends UnauthenticatedException {

    private final String header;

    /** {@code header}: the signature header ({@code X-Cal-Signature-256}); {@code detail}: what is wrong with it. */
    public InvalidSignatureException(String header, String detail) {
        super(detail);
        this.header = header;
    }

    @Override
    public String field() {
        return header;
    }
}

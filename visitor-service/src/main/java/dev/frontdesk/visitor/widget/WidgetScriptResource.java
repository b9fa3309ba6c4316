package dev.frontdesk.visitor.widget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.frontdesk.platform.web.ClasspathAssets;
import io.quarkus.runtime.annotations.RegisterResources;

/**
 * The embeddable widget, {@code frontdesk.js}: one script tag on a customer's site. {@code /widget/v1/frontdesk.js}
 * is the contract sites embed (v1's behaviour and options stay; fixes ship under it, so it is cached for an hour,
 * revalidated by ETag); {@code /widget/frontdesk.js} is the same script cached for 5 minutes. Served gzipped when the
 * browser accepts it (compressed once, at start), readable from any origin (a site may add {@code crossorigin} and
 * Subresource Integrity).
 */
@Path("/widget")
@Tag(name = "Widget")
// The script is read from the class path at run time (not a static resource): a native image keeps it only if
// registered.
@RegisterResources(globs = "widget/**")
@PermitAll
public class WidgetScriptResource {

    static final String RESOURCE = "widget/frontdesk.js";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";

    private final byte[] plain;
    private final byte[] gzipped;
    private final String etag;

    public WidgetScriptResource() {
        plain = ClasspathAssets.bytes(RESOURCE);
        gzipped = gzip(plain);
        etag = "\"" + HexFormat.of().formatHex(sha256(plain), 0, 16) + "\"";
    }

    @GET
    @Path("/v1/frontdesk.js")
    @Operation(summary = "The widget script, version 1 (the URL sites embed)")
    public RestResponse<byte[]> v1(@HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return script(acceptEncoding, ifNoneMatch, 3600);
    }

    @GET
    @Path("/frontdesk.js")
    @Operation(summary = "The widget script, latest version (short cache)")
    public RestResponse<byte[]> latest(@HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return script(acceptEncoding, ifNoneMatch, 300);
    }

    private RestResponse<byte[]> script(String acceptEncoding, String ifNoneMatch, int maxAgeSeconds) {
        boolean gzip = acceptEncoding != null && acceptEncoding.toLowerCase(java.util.Locale.ROOT).contains("gzip");
        RestResponse.ResponseBuilder<byte[]> response = etag.equals(ifNoneMatch)
                ? RestResponse.ResponseBuilder.<byte[]> create(RestResponse.Status.NOT_MODIFIED)
                : RestResponse.ResponseBuilder.ok(gzip ? gzipped : plain);
        if (gzip && !etag.equals(ifNoneMatch)) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return response.header(HttpHeaders.CONTENT_TYPE, JAVASCRIPT)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAgeSeconds)
                .header(HttpHeaders.VARY, "Accept-Encoding")
                .header("Access-Control-Allow-Origin", "*")
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.frontdesk.booking.rest;


import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.frontdesk.platform.web.ClasspathAssets;
import io.quarkus.runtime.annotations.RegisterResources;

/**
 * The page members' join links open ({@code frontdesk.bookings.join-page-url}, the gateway's {@code /join}), and the
 * host's door to the same room: a static page whose script asks the join API of this service (same origin) and shows
 * the room in a frame. Served here, not as static resources, so that {@code /join} answers without a trailing slash
 * and every answer carries the page's Content-Security-Policy. The platform adds {@code nosniff},
 * {@code Referrer-Policy: no-referrer} (the link's signature must not reach the room's host) and {@code no-store}.
 */
@Path("/join")
@PermitAll
// The page's files are read from the class path at run time: a native image keeps them only if registered.
@RegisterResources(globs = "dev/frontdesk/booking/join/**")
public class JoinPage {

    /**
     * Only this service's own script and style; the room (Daily, Cal Video, the local stack's) is the one frame.
     * No form posts anywhere (the token form is the script's), no base tag, and the page is never framed itself.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-src https: http:; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String HTML = "text/html;charset=utf-8";
    private static final String JAVASCRIPT = "text/javascript;charset=utf-8";
    private static final String CSS = "text/css;charset=utf-8";

    private static final String PAGE = asset("index.html");
    private static final String SCRIPT = asset("join.js");
    private static final String STYLE = asset("join.css");

    @GET
    @Produces(HTML)
    @Operation(hidden = true)
    public Response page() {
        return answer(PAGE, HTML);
    }

    @GET
    @Path("/join.js")
    @Produces(JAVASCRIPT)
    @Operation(hidden = true)
    public Response script() {
        return answer(SCRIPT, JAVASCRIPT);
    }

    @GET
    @Path("/join.css")
    @Produces(CSS)
    @Operation(hidden = true)
    public Response style() {
        return answer(STYLE, CSS);
    }

    private static Response answer(String body, String type) {
        return Response.ok(body, type).header("Content-Security-Policy", CONTENT_SECURITY_POLICY).build();
    }

    private static String asset(String name) {
        return ClasspathAssets.text("dev/frontdesk/booking/join/" + name);
    }
}

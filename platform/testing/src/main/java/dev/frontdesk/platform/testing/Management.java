package dev.frontdesk.platform.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** The service's management interface under test (health, metrics, OpenAPI): never on the public port. */
public final class Management {

    private Management() {
    }

    /** The port the management interface listens on (Quarkus publishes the free port it took). */
    public static int port() {
        String published = System.getProperty("quarkus.management.test-port");
        if (published != null && !published.equals("0")) {
            return Integer.parseInt(published);
        }
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class)
                .filter(port -> port > 0).orElseThrow(() -> new IllegalStateException("no management port published"));
    }

    /** A REST Assured request to the management port, e.g. {@code Management.given().get("/q/health/ready")}. */
    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }
}

package dev.frontdesk.platform.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database shape of service-roles.sql (deploy/k8s/base/postgres, also run by the cluster): each service's role
 * owns its schema and may not create anything elsewhere. (The embedded server trusts local connections, so passwords
 * are not checked here.)
 */
class ServiceRolesTest {

    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.ephemeral();
        postgres.ensureServiceSchema("calls", "calls-secret");
        postgres.ensureServiceSchema("visitor", "visitor-secret");
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private static Connection as(String role, String password) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), role, password);
    }

    @Test
    void aServiceRoleWorksInItsOwnSchemaOnly() throws SQLException {
        try (Connection c = as("calls", "calls-secret"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE probe (id int)");
            var rs = s.executeQuery("SELECT table_schema FROM information_schema.tables WHERE table_name = 'probe'");
            rs.next();
            assertEquals("calls", rs.getString(1), "unqualified names resolve to the role's own schema");
            SQLException inPublic = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE public.probe (id int)"));
            assertEquals("42501", inPublic.getSQLState(), "public is closed");
            SQLException inOther = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE visitor.probe (id int)"));
            assertEquals("42501", inOther.getSQLState(), "another service's schema is closed");
        }
    }

    @Test
    void everyServiceRoleExistsAndTheScriptCanRunAgain() throws SQLException {
        assertDoesNotThrow(() -> postgres.ensureServiceSchema("calls", "calls-secret"));
        try (Connection c = as("visitor", "visitor-secret"); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner"
                    + " WHERE n.nspname = r.rolname AND r.rolname IN ('visitor', 'calls', 'analytics', 'notifications', 'bookings')");
            rs.next();
            assertEquals(5, rs.getInt(1), "the five roles, each owning its schema");
        }
    }

    @Test
    void aSchemaTheScriptDoesNotMakeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> postgres.ensureServiceSchema("billing", "x"));
    }
}

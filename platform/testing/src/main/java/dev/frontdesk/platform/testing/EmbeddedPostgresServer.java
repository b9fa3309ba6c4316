package dev.frontdesk.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server (zonky embedded binaries) for tests and the local stack.
 * <p>
 * Each service gets a role named like its schema that owns that schema and nothing else, the same shape as in
 * production: the role's default {@code search_path} ({@code "$user"}) resolves to its own schema.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away server on a free port. */
    public static EmbeddedPostgresServer ephemeral() {
        return start(EmbeddedPostgres.builder());
    }

    /** A server whose data directory is kept between runs. */
    public static EmbeddedPostgresServer persistent(Path dataDirectory, int port) {
        return start(EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port));
    }

    private static EmbeddedPostgresServer start(EmbeddedPostgres.Builder builder) {
        try {
            return new EmbeddedPostgresServer(builder
                    .setServerConfig("max_connections", "300")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    public String reactiveUrl() {
        return "postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /**
     * Creates (if missing) a login role and a schema of the same name owned by it. The role may use only its
     * own schema: {@code public} is closed to it.
     */
    public void ensureServiceSchema(String schema, String password) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain schema name: " + schema);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            s.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                exists.setString(1, schema);
                if (!exists.executeQuery().next()) {
                    s.execute("CREATE ROLE " + schema + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
                }
            }
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + DATABASE + " TO " + schema);
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare schema " + schema, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

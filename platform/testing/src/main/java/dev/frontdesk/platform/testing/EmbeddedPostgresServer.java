package dev.frontdesk.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server (zonky embedded binaries) for tests and the local stack.
 * <p>
 * Each service gets a role named like its schema that owns that schema and nothing else, the same shape as in
 * production: the role's default {@code search_path} ({@code "$user"}) resolves to its own schema.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "postgres";

    private static final String SERVICE_ROLES = resource("service-roles.sql");

    private final EmbeddedPostgres postgres;
    private List<Long> paused = List.of();

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

    /**
     * Like {@link #persistent}, but durable as a production server is: {@code fsync} and {@code synchronous_commit}
     * on (the embedded defaults turn both off for speed), e.g. for benchmarks.
     */
    public static EmbeddedPostgresServer persistentDurable(Path dataDirectory, int port) {
        return start(EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port).setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on"));
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
     * Gives the service role {@code schema} its password, after creating (if missing) every service's login role and
     * the schema of the same name it owns, with the script the cluster runs too ({@code service-roles.sql}, kept in
     * {@code deploy/k8s/base/postgres}). The role may use only its own schema: {@code public} is closed to it.
     *
     * @throws IllegalArgumentException if {@code schema} is not one of the roles the script makes
     */
    public void ensureServiceSchema(String schema, String password) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(SERVICE_ROLES);
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_namespace n JOIN pg_roles r"
                    + " ON r.oid = n.nspowner AND r.rolname = n.nspname WHERE n.nspname = ?")) {
                exists.setString(1, schema);
                if (!exists.executeQuery().next()) {
                    throw new IllegalArgumentException("Not a service schema of service-roles.sql: " + schema);
                }
            }
            try (PreparedStatement quoted = c.prepareStatement("SELECT format('ALTER ROLE %I PASSWORD %L', ?, ?)")) {
                quoted.setString(1, schema);
                quoted.setString(2, password);
                ResultSet rs = quoted.executeQuery();
                rs.next();
                s.execute(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare schema " + schema, e);
        }
    }

    /**
     * Freezes the server (SIGSTOP to the postmaster and every backend), as a hung host or a stalled disk would: open
     * connections and new ones are accepted by the kernel and never answered. Undone by {@link #resume()}.
     */
    public synchronized void pause() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            ProcessHandle postmaster = ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent)
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL's postmaster not found"));
            List<Long> pids = new ArrayList<>();
            pids.add(postmaster.pid()); // first, so that it starts no backend the list would miss
            postmaster.descendants().forEach(process -> pids.add(process.pid()));
            signal("STOP", pids);
            paused = pids;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not find PostgreSQL's processes", e);
        }
    }

    /** Lets a {@link #pause() paused} server go on where it stopped. */
    public synchronized void resume() {
        signal("CONT", paused);
        paused = List.of();
    }

    private static String resource(String name) {
        try (InputStream in = EmbeddedPostgresServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from platform-testing's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signal(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(String.valueOf(pid)));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " failed: " + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

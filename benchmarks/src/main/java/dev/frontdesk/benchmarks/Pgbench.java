package dev.frontdesk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor under the heartbeat path: PostgreSQL's own {@code pgbench} (Debian's postgresql-client) upserting one
 * row of {@code rows} per transaction, the shape of a heartbeat, on the stack's server with the same client count.
 */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final Path scripts;
    private final int port;

    Pgbench(Path scripts, int port) {
        this.scripts = scripts;
        this.port = port;
    }

    /** Upserts per second: {@code clients} connections for {@code seconds} over a table of {@code rows} rows. */
    double upserts(int clients, int seconds, int rows) throws IOException, InterruptedException, SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_upsert");
            s.execute("CREATE TABLE bench_upsert (id int PRIMARY KEY, beats int NOT NULL, seen_at timestamptz NOT NULL)");
        }
        Files.createDirectories(scripts);
        Path script = scripts.resolve("upsert.sql");
        Files.writeString(script, """
                \\set id random(1, %d)
                INSERT INTO bench_upsert (id, beats, seen_at) VALUES (:id, 1, now()) ON CONFLICT (id) DO UPDATE SET beats = bench_upsert.beats + 1, seen_at = excluded.seen_at;
                """.formatted(rows));
        ProcessBuilder builder = new ProcessBuilder("pgbench", "-n", "-h", "localhost", "-p", String.valueOf(port),
                "-U", "postgres", "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds),
                "-f", script.toString(), "postgres").redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", "postgres");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }
}

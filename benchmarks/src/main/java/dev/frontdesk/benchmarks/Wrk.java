package dev.frontdesk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP load from Debian's {@code wrk} (4.x, https://github.com/wg/wrk): a fixed number of keep-alive connections,
 * each sending its next request when the answer to the last one arrives (closed loop), requests made by a Lua script.
 * The script's {@code done} hook prints the figures read here, so nothing depends on wrk's human summary.
 */
final class Wrk {

    /**
     * What one run measured.
     *
     * @param requests   answers received (any status)
     * @param failed     answers with a status of 400 or more, plus socket errors and timeouts
     * @param seconds    how long the run lasted
     * @param p50Micros  median latency, µs
     * @param p99Micros  99th percentile latency, µs
     */
    record Result(long requests, long failed, double seconds, long p50Micros, long p99Micros) {

        double perSecond() {
            return requests / seconds;
        }

        long succeeded() {
            return requests - failed;
        }
    }

    /** Printed by every script's done hook: "WRK name value". */
    private static final String DONE = """
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("WRK requests %d\\n", summary.requests))
              io.write(string.format("WRK failed %d\\n", e.status + e.connect + e.read + e.write + e.timeout))
              io.write(string.format("WRK duration_us %d\\n", summary.duration))
              io.write(string.format("WRK p50_us %d\\n", latency:percentile(50)))
              io.write(string.format("WRK p99_us %d\\n", latency:percentile(99)))
            end
            """;

    private final Path scripts;

    Wrk(Path scripts) {
        this.scripts = scripts;
    }

    /**
     * Runs {@code script} (a Lua {@code request} function and whatever it needs; the done hook is added) against
     * {@code url} with {@code connections} connections on 2 threads for {@code seconds}.
     *
     * @param env environment variables the script reads with {@code os.getenv}
     */
    Result run(String name, String url, String script, int connections, int seconds, Map<String, String> env)
            throws IOException, InterruptedException {
        Files.createDirectories(scripts);
        Path file = scripts.resolve(name + ".lua");
        Files.writeString(file, script + "\n" + DONE);
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", file.toString(), url).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        Map<String, Long> figures = new HashMap<>();
        List<String> other = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 3 && parts[0].equals("WRK")) {
                figures.put(parts[1], Long.parseLong(parts[2]));
            } else {
                other.add(line);
            }
        }
        if (!figures.containsKey("requests")) {
            throw new IllegalStateException("wrk printed no figures:\n" + String.join("\n", other));
        }
        return new Result(figures.get("requests"), figures.get("failed"), figures.get("duration_us") / 1e6,
                figures.get("p50_us"), figures.get("p99_us"));
    }

    /** A script sending {@code GET path} on every request. */
    static String get(String path) {
        return "request = function() return wrk.format(\"GET\", \"" + path + "\") end";
    }
}

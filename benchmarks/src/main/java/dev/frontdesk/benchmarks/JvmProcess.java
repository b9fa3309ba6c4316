package dev.frontdesk.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the operating system and the JVM say about one service's process. */
final class JvmProcess {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final long pid;
    private final int managementPort;

    JvmProcess(Process process, int managementPort) {
        this.pid = process.pid();
        this.managementPort = managementPort;
    }

    /** Resident set size, bytes ({@code VmRSS} of /proc/PID/status). */
    long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("No VmRSS for " + pid);
    }

    /**
     * The heap in use right after a full collection, bytes: {@code jcmd PID GC.run}, then the sum of Micrometer's
     * {@code jvm_memory_used_bytes{area="heap"}} on the management port.
     */
    long heapAfterGc() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "GC.run").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.run failed: " + output);
        }
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        long used = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("No jvm_memory_used_bytes{area=\"heap\"} on port " + managementPort);
        }
        return used;
    }
}

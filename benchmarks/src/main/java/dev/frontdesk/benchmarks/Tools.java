package dev.frontdesk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The load tools come from Debian packages, installed when missing (as root, else with {@code sudo -n}). */
final class Tools {

    private Tools() {
    }

    static void require(String command, String debianPackage) throws IOException, InterruptedException {
        if (onPath(command)) {
            return;
        }
        System.out.printf("%s is missing: installing Debian's %s%n", command, debianPackage);
        List<String> prefix = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            prefix.addAll(List.of("sudo", "-n"));
        }
        run(prefix, "apt-get", "update", "-q");
        run(prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q",
                "--no-install-recommends", debianPackage);
        if (!onPath(command)) {
            throw new IllegalStateException(command + " is still missing after installing " + debianPackage);
        }
    }

    private static void run(List<String> prefix, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}

package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser: headless Chromium (Debian's package), driven by Playwright from
 * src/test/browser/console-journey.mjs, runs the OV journey against a local stack with the demo
 * data, and saves a screenshot of each step under target/console-screenshots/.
 */
class ConsoleBrowserIT {
    private static final Path ROOT = Path.of(System.getProperty("repository.root")).toAbsolutePath().normalize();
    private static final Path BROWSER_TEST = ROOT.resolve("local/stack/src/test/browser");
    private static final Path SCREENSHOTS = ROOT.resolve("local/stack/target/console-screenshots");

    @Test
    void anOvRevocationWorksEndToEndThroughTheConsole() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        assertTrue(Files.isExecutable(Path.of(chromium)), "The console test needs Chromium at " + chromium
                + ": apt-get install chromium (or set CHROMIUM_PATH); .ci/run installs it.");
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), 120);

        try (EmulatedStack stack = EmulatedStack.start(EmulatedStackConfig.defaults(ROOT)
                .withParameter("CaSimulatedDelaySeconds", 2)
                .withParameter("CaPollFirstSeconds", 1)
                .withParameter("CaPollMultiplier", 1)
                .withParameter("CaPollMaxSeconds", 1))) {
            DemoData.seed(stack);
            String output = run(List.of("node", "console-journey.mjs", stack.apiEndpoint() + "/", SCREENSHOTS.toString()), 240);
            assertTrue(output.contains("console journey passed"), output);
        }
        try (var shots = Files.list(SCREENSHOTS)) {
            assertTrue(shots.filter(p -> p.toString().endsWith(".png")).count() >= 9, "a screenshot of each step");
        }
    }

    /** Runs a command in the browser test's folder; its output goes to a file so a hang cannot block the timeout. */
    private static String run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("console-browser-", ".log");
        Process process = new ProcessBuilder(command).directory(BROWSER_TEST.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(text);
        assertTrue(finished, command + " took longer than " + timeoutSeconds + " s:\n" + text);
        assertEquals(0, process.exitValue(), command + " failed:\n" + text);
        return text;
    }
}

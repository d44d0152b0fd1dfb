package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.local.moto.MotoServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command itself, run as a user runs it: it serves until stopped and leaves no process behind. */
class EmulatedStackMainIT {
    private static final Path ROOT = Path.of(System.getProperty("repository.root")).toAbsolutePath().normalize();

    /**
     * Marks the processes this test's stacks start: moto inherits the stack's environment, so a
     * moto of another build running on the same machine at the same time is not counted as ours.
     */
    private static final String RUN_MARKER = "EMULATED_STACK_MAIN_IT=" + UUID.randomUUID();

    private static Process launch(int apiPort) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ROOT.resolve("local/stack/target/local-stack.jar").toString()).redirectErrorStream(true);
        builder.environment().put("REPOSITORY_ROOT", ROOT.toString());
        builder.environment().put("API_PORT", Integer.toString(apiPort));
        String[] marker = RUN_MARKER.split("=", 2);
        builder.environment().put(marker[0], marker[1]);
        return builder.start();
    }

    private static BufferedReader output(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads the command's output until {@code line} appears (or the process ends); returns all lines. */
    private static List<String> readUntil(BufferedReader out, String line) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l = out.readLine(); l != null; l = out.readLine()) {
            lines.add(l);
            if (l.contains(line)) {
                break;
            }
        }
        return lines;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    /** moto processes started since {@code since} by this test's stacks (the test classes run one at a time). */
    private static List<ProcessHandle> motoStartedSince(Instant since) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("moto_launcher"))
                .filter(p -> p.info().startInstant().map(s -> !s.isBefore(since.minusSeconds(1))).orElse(false))
                .filter(EmulatedStackMainIT::startedByThisTest)
                .toList();
    }

    /**
     * Whether the process's environment carries {@link #RUN_MARKER}, read from Linux's
     * /proc/{pid}/environ; where there is no /proc, every moto counts (as before the marker).
     */
    private static boolean startedByThisTest(ProcessHandle process) {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return true;
        }
        try {
            byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
            return Arrays.asList(new String(environ, StandardCharsets.UTF_8).split("\0")).contains(RUN_MARKER);
        } catch (IOException e) {
            return false; // gone already, or not ours to read
        }
    }

    private static void awaitGone(Instant since) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!motoStartedSince(since).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertEquals(List.of(), motoStartedSince(since), "moto must not outlive the local stack");
    }

    @Test
    void servesUntilStoppedThenLeavesNothingRunning() throws Exception {
        int apiPort = MotoServer.freePort();
        Instant started = Instant.now();
        Process process = launch(apiPort);
        try {
            BufferedReader out = output(process);
            List<String> output = readUntil(out, "Local stack ready");
            assertTrue(output.stream().anyMatch(l -> l.equals("Console: http://127.0.0.1:" + apiPort + "/")),
                    String.join("\n", output));
            assertEquals(401, new Api(java.net.URI.create("http://127.0.0.1:" + apiPort), null).get("/certificates").status());
            assertEquals(1, motoStartedSince(started).size());

            // SIGTERM: what Ctrl-C's SIGINT also triggers, the JVM's shutdown hooks. Sent through
            // the handle, which unlike Process.destroy() leaves the output open to read to its end.
            process.toHandle().destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            // Nothing the stack runs fails on its way out (StackShutdownIT stops one in the middle of a CA check).
            assertEquals(List.of(), out.lines().filter(l -> l.contains("\"level\":\"ERROR\"")).toList());
            assertTrue(!listening(apiPort), "the API port is released");
            awaitGone(started);
        } finally {
            // A failed assertion above must not leave the stack (and its moto and Pebble) running.
            process.destroyForcibly();
        }
    }

    @Test
    void aFailedStartSaysWhyAndStopsWhatItHadStarted() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Instant started = Instant.now();
            Process process = launch(taken.getLocalPort());
            List<String> output = readUntil(output(process), "did not start");
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, process.exitValue());
            assertTrue(output.stream().anyMatch(l -> l.startsWith("The local stack did not start")), String.join("\n", output));
            awaitGone(started);
        }
    }

    @Test
    void evenAKilledStackTakesItsMotoWithIt() throws Exception {
        Instant started = Instant.now();
        Process process = launch(MotoServer.freePort());
        readUntil(output(process), "Local stack ready");
        process.destroyForcibly(); // SIGKILL: no shutdown hook runs; moto notices its stdin close
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        awaitGone(started);
    }

    @Test
    void withoutATemplateItExplainsWhereToRunIt() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ROOT.resolve("local/stack/target/local-stack.jar").toString()).redirectErrorStream(true);
        builder.environment().put("REPOSITORY_ROOT", ROOT.resolve("local").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertTrue(output.contains("No template.yaml in"), output);
    }
}

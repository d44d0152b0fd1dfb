package com.certshop.revocation.local.moto;

import com.certshop.revocation.local.pause.ProcessPause;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A moto server (the Python AWS emulator) running as a child process on 127.0.0.1. It serves
 * DynamoDB, SES and Step Functions on one port. Closing it stops the process. If the caller never
 * gets to close it, moto goes when this JVM does, however it ends: it watches its standard input, a
 * pipe from this JVM. There is no shutdown hook, which would stop moto while the JVM's own hooks
 * still use it (the local stack's, which lets the functions end their calls first, then closes
 * this). {@link #pause()} freezes it, as a store that has stopped answering, with everything it
 * holds kept.
 */
public final class MotoServer implements AutoCloseable {
    /** The moto release this project is tested with; see README for installing it. */
    public static final String MOTO_VERSION = "5.2.1";
    public static final String INSTALL_HINT = "pip install 'moto[server]==" + MOTO_VERSION + "'";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final ProcessPause pause;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.pause = new ProcessPause("moto", process.pid());
    }

    /** Starts moto on a free loopback port. */
    public static MotoServer start() {
        return start(freePort(), Map.of());
    }

    /**
     * Starts moto on {@code port} with extra environment variables (moto reads some settings, such
     * as {@code MOTO_PORT}, from its environment) and waits until it answers.
     *
     * @throws IllegalStateException with install instructions when Python or moto is missing
     */
    public static MotoServer start(int port, Map<String, String> environment) {
        return start(System.getenv().getOrDefault("MOTO_PYTHON", "python3"), port, environment);
    }

    static MotoServer start(String python, int port, Map<String, String> environment) {
        Path launcher = extractLauncher();
        ProcessBuilder builder = new ProcessBuilder(List.of(python, launcher.toString(),
                "-H", "127.0.0.1", "-p", Integer.toString(port)));
        builder.environment().putAll(environment);
        Path log;
        try {
            log = Files.createTempFile("moto-" + port + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run '" + python + "' to start moto. Install Python 3 and moto: "
                    + INSTALL_HINT + " (or set MOTO_PYTHON to a Python that has it).", e);
        }
        MotoServer server = new MotoServer(process, port, log);
        server.awaitReady();
        return server;
    }

    /** The moto process's pid, for tests that signal it. */
    long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Where the process's output goes; worth reading when a test fails. */
    public Path log() {
        return log;
    }

    /**
     * Freezes moto (SIGSTOP): connections are still accepted by the kernel and requests buffered,
     * but nothing answers, as with a store that has gone dark; on {@link #resume()} it serves what
     * waited. Unlike a restart, it keeps every table, execution and message.
     */
    public void pause() {
        pause.pause();
    }

    /** Lets a paused moto carry on (SIGCONT); does nothing if it is not paused. */
    public void resume() {
        pause.resume();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            pause.resume(); // A stopped process does not act on SIGTERM until it is continued.
        } catch (RuntimeException e) {
            // SIGKILL, which follows if SIGTERM does not work, needs no SIGCONT.
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(endpoint().resolve("/moto-api/")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with code " + process.exitValue() + " before serving. "
                        + "If it is not installed: " + INSTALL_HINT + ". Its output:\n" + tail());
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notYet) {
                // Still starting up.
            } catch (IOException e) {
                // Connection reset while binding; try again.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
            sleepBriefly();
        }
        close();
        throw new IllegalStateException("moto did not answer on port " + port + " within " + STARTUP_TIMEOUT
                + ". Its output:\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path extractLauncher() {
        try (InputStream in = MotoServer.class.getResourceAsStream("moto_launcher.py")) {
            if (in == null) {
                throw new IllegalStateException("moto_launcher.py is missing from the classpath");
            }
            Path file = Files.createTempFile("moto_launcher", ".py");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

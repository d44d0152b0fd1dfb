package com.certshop.revocation.local.pebble;

import com.certshop.revocation.local.issuer.ThrowawayIssuer;
import com.certshop.revocation.local.pause.ProcessPause;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Pebble, Let's Encrypt's ACME test CA, running as a child process on 127.0.0.1: an ACME endpoint
 * ({@link #directory()}) and Pebble's management API ({@link #management()}), both over TLS with a
 * certificate from a {@link ThrowawayIssuer} root that only {@link #sslContext()} and
 * {@link #trustedCertificatesPem()} trust.
 *
 * <p>Every start is a new CA: Pebble generates new root and intermediate keys and keeps accounts,
 * orders and certificates in memory only, so a restart loses all of them. To take "the CA" down and
 * up again with its state intact, {@link #pause()} and {@link #resume()} it. Pebble validates every
 * challenge without contacting anyone ({@code PEBBLE_VA_ALWAYS_VALID}) and honours the validity
 * dates an order asks for, even past ones.
 *
 * <p>Nothing is left behind: {@link #close()} stops the process and deletes its directory (keys,
 * config, log); a failed start cleans up before it throws; and if the caller never closes it,
 * Pebble notices this JVM is gone, however it ended, deletes the directory and goes too (see
 * {@link #WRAPPER}). There is no shutdown hook, which would stop Pebble while the JVM's own hooks
 * still use it (the local stack's, which lets the functions end their calls first).
 */
public final class PebbleServer implements AutoCloseable {
    /** The Pebble release this module is tested with. */
    public static final String PEBBLE_VERSION = "2.4.0";
    public static final String INSTALL_HINT = "apt-get install pebble";
    private static final String DEFAULT_BINARY = "/usr/bin/pebble";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    // The files in Pebble's directory.
    private static final String TLS_CHAIN = "tls-chain.pem";
    private static final String TLS_KEY = "tls-key.pem";
    private static final String TRUSTED_CERTIFICATES = "trusted-certificates.pem";
    private static final String CONFIG = "pebble-config.json";
    private static final String LOG = "pebble.log";
    private static final Map<String, String> ENVIRONMENT = Map.of(
            // Every challenge is valid: clients need not serve HTTP-01 tokens or DNS records.
            "PEBBLE_VA_ALWAYS_VALID", "1",
            // No random sleeps before validating, so orders complete in milliseconds.
            "PEBBLE_VA_NOSLEEP", "1",
            // By default Pebble rejects 5% of good nonces to exercise client retries; tests want determinism.
            "PEBBLE_WFE_NONCEREJECT", "0",
            // By default Pebble hands an account's earlier, valid authorizations to half its new orders;
            // never doing so makes every order go through its challenges.
            "PEBBLE_AUTHZREUSE", "0");

    /**
     * Run as {@code /bin/sh -c WRAPPER pebble-binary config-file directory}. It starts Pebble in the
     * background, prints its pid (the only line on its standard output) and waits for it, so the
     * wrapper exits when Pebble does, with Pebble's status.
     *
     * <p>A watcher subshell reads the wrapper's standard input: a pipe whose only writer is this JVM.
     * End of file while the wrapper still runs means the JVM died without closing the server (even
     * by SIGKILL), so the watcher deletes the directory (Pebble read its files when it started) and
     * then stops Pebble, resuming it first in case it is paused. When Pebble exits for any other
     * reason the wrapper stops the watcher, so the watcher does not outlive Pebble and signal a pid
     * that may by then be someone else's. Each process reaps its children: some containers run an
     * init that reaps no orphans, and a zombie looks alive to Java. All of them ignore the
     * terminal's Ctrl-C, which reaches every process of its group: had the wrapper died of it, the
     * watcher would have seen its input end and stopped Pebble before the JVM's shutdown hooks were
     * done with it (the local stack lets its functions end their calls first).
     */
    private static final String WRAPPER = """
            trap '' INT QUIT
            exec 3<&0
            "$0" -config "$1" </dev/null 3<&- 1>&2 &
            pebble=$!
            (
              while read -r _ <&3; do :; done
              rm -rf "$2"
              kill -CONT $pebble; kill -TERM $pebble
            ) </dev/null 1>&2 &
            watcher=$!
            exec 3<&-
            echo $pebble
            exec 1>&2
            wait $pebble
            status=$?
            kill $watcher 2>/dev/null
            wait $watcher
            exit $status
            """;

    private final Path directory;
    private final int acmePort;
    private final int managementPort;
    private final X509Certificate tlsRoot;
    private final SSLContext sslContext;
    /** The wrapper; it also keeps the pipe open whose end tells the watcher this JVM is gone. */
    private final Process wrapper;
    /** Pebble's own pid. While the wrapper runs it is Pebble's: the wrapper reaps Pebble only on its way out. */
    private final long pid;
    private final ProcessPause pause;
    private boolean stopped;

    private PebbleServer(Path directory, Ports ports, X509Certificate tlsRoot, Process wrapper, long pid) {
        this.directory = directory;
        this.acmePort = ports.acme();
        this.managementPort = ports.management();
        this.tlsRoot = tlsRoot;
        this.sslContext = trusting(tlsRoot);
        this.wrapper = wrapper;
        this.pid = pid;
        this.pause = new ProcessPause("Pebble", pid);
    }

    /**
     * Starts {@code /usr/bin/pebble} (or the binary named by {@code PEBBLE_BINARY}) on free loopback
     * ports and waits until both its ACME directory and its management API answer.
     *
     * @throws IllegalStateException with install instructions when Pebble is missing, or with the
     *                               end of Pebble's output when it exits or is not ready in 20 s
     */
    public static PebbleServer start() {
        return start(System.getenv().getOrDefault("PEBBLE_BINARY", DEFAULT_BINARY));
    }

    static PebbleServer start(String binary) {
        Path executable = Path.of(binary).toAbsolutePath(); // The wrapper runs in Pebble's directory.
        if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
            throw new IllegalStateException("Pebble is not installed at " + binary + ": " + INSTALL_HINT
                    + " (or set PEBBLE_BINARY to a Pebble " + PEBBLE_VERSION + " binary)");
        }
        Path directory = createDirectory();
        Process wrapper = null;
        PebbleServer server = null;
        try {
            X509Certificate tlsRoot = writeTlsFiles(directory);
            Ports ports = Ports.free();
            Path config = Files.writeString(directory.resolve(CONFIG), config(directory, ports));
            wrapper = launch(executable, config, directory);
            server = new PebbleServer(directory, ports, tlsRoot, wrapper, readPid(wrapper, directory));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            cleanUpFailedStart(server, wrapper, directory);
            throw new UncheckedIOException("cannot start Pebble in " + directory, e);
        } catch (RuntimeException | Error e) {
            cleanUpFailedStart(server, wrapper, directory);
            throw e;
        }
    }

    /** The ACME directory, {@code https://127.0.0.1:<port>/dir}. */
    public URI directory() {
        return URI.create("https://127.0.0.1:" + acmePort + "/dir");
    }

    /**
     * Pebble's management API, {@code https://127.0.0.1:<port>}: {@code /roots/0} (the CA's root),
     * {@code /intermediates/0}, {@code /cert-status-by-serial/<hex serial>} and more.
     */
    public URI management() {
        return URI.create("https://127.0.0.1:" + managementPort);
    }

    /** The throwaway root that vouches for Pebble's TLS certificate (not the ACME CA's own root). */
    public X509Certificate tlsRoot() {
        return tlsRoot;
    }

    /** A PEM file holding just {@link #tlsRoot()}, for clients that read their trust from a file. */
    public Path trustedCertificatesPem() {
        return directory.resolve(TRUSTED_CERTIFICATES);
    }

    /** TLS that trusts {@link #tlsRoot()} and nothing else. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** Pebble's output, worth reading when a test fails; {@link #close()} deletes it. */
    public Path log() {
        return directory.resolve(LOG);
    }

    /** Pebble's own process id (not its wrapper's). */
    long pid() {
        return pid;
    }

    /**
     * Freezes Pebble (SIGSTOP): connections are still accepted by the kernel but nothing answers, as
     * with a CA that has gone dark. Unlike a restart, it keeps everything it knows.
     */
    public synchronized void pause() {
        requireRunning();
        pause.pause();
    }

    /** Lets a paused Pebble carry on (SIGCONT); does nothing if it is not paused. */
    public synchronized void resume() {
        requireRunning();
        pause.resume();
    }

    /** Stops Pebble, paused or not, and deletes its directory. Closing twice does nothing more. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        // Pebble and the watcher, for when they have to be killed rather than asked.
        List<ProcessHandle> children = wrapper.children().toList();
        if (wrapper.isAlive()) {
            continueBeforeStopping();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            if (!exited(wrapper)) {
                // Let the wrapper see its children die and reap them, then give up on it too.
                children.forEach(ProcessHandle::destroyForcibly);
                if (!exited(wrapper)) {
                    wrapper.destroyForcibly();
                }
            }
        }
        deleteDirectory(directory);
    }

    /** A stopped process does not act on SIGTERM until it is continued. */
    private void continueBeforeStopping() {
        try {
            pause.resume();
        } catch (RuntimeException e) {
            // SIGKILL, which the next step sends if SIGTERM does not work, needs no SIGCONT.
        }
    }

    private void requireRunning() {
        if (stopped) {
            throw new IllegalStateException("Pebble has been closed");
        }
        if (!wrapper.isAlive()) {
            throw new IllegalStateException("Pebble has exited with code " + wrapper.exitValue()
                    + ". Its output:\n" + tail());
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().sslContext(sslContext).connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (true) {
            if (!wrapper.isAlive()) {
                throw new IllegalStateException("Pebble exited with code " + wrapper.exitValue()
                        + " before it was ready. Its output:\n" + tail());
            }
            if (answers(http, directory()) && answers(http, management().resolve("/roots/0"))) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Pebble did not answer on " + directory() + " and " + management()
                        + " within " + STARTUP_TIMEOUT + ". Its output:\n" + tail());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Pebble", e);
            }
        }
    }

    private static boolean answers(HttpClient http, URI uri) {
        HttpRequest get = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
        try {
            return http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false; // Refused or reset while Pebble binds its ports.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Pebble", e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Pebble's TLS certificate and key, and the root that vouches for them, which it returns. */
    private static X509Certificate writeTlsFiles(Path directory) throws IOException {
        ThrowawayIssuer root = ThrowawayIssuer.create("Pebble TLS root");
        ThrowawayIssuer.Issued tls = root.issue(ThrowawayIssuer.Request.forNames("127.0.0.1", "localhost"));
        Files.writeString(directory.resolve(TLS_CHAIN), tls.pemChain());
        Files.writeString(directory.resolve(TLS_KEY), tls.privateKeyPem());
        Files.writeString(directory.resolve(TRUSTED_CERTIFICATES), root.certificatePem());
        return root.certificate();
    }

    private static Process launch(Path executable, Path config, Path directory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", WRAPPER, executable.toString(), config.toString(),
                directory.toString())
                .directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(directory.resolve(LOG).toFile()));
        builder.environment().putAll(ENVIRONMENT);
        return builder.start();
    }

    /** Reads the one line the wrapper prints: Pebble's pid. */
    private static long readPid(Process wrapper, Path directory) throws IOException {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(wrapper.getInputStream(), StandardCharsets.US_ASCII))) {
            String line = out.readLine();
            if (line == null || !line.matches("\\d+")) {
                throw new IllegalStateException("/bin/sh did not start Pebble (it printed '" + line + "'). Output:\n"
                        + Files.readString(directory.resolve(LOG)));
            }
            return Long.parseLong(line);
        }
    }

    private static void cleanUpFailedStart(PebbleServer server, Process wrapper, Path directory) {
        if (server != null) {
            server.close();
            return;
        }
        if (wrapper != null) {
            // Dying, the wrapper leaves the watcher to stop Pebble and delete the directory.
            wrapper.destroyForcibly();
        }
        deleteDirectory(directory);
    }

    private static boolean exited(Process process) {
        try {
            return process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String config(Path directory, Ports ports) {
        return """
                {
                  "pebble": {
                    "listenAddress": "127.0.0.1:%d",
                    "managementListenAddress": "127.0.0.1:%d",
                    "certificate": %s,
                    "privateKey": %s,
                    "httpPort": %d,
                    "tlsPort": %d,
                    "ocspResponderURL": "",
                    "externalAccountBindingRequired": false
                  }
                }
                """.formatted(ports.acme(), ports.management(), jsonString(directory.resolve(TLS_CHAIN)),
                jsonString(directory.resolve(TLS_KEY)), ports.validationHttp(), ports.validationTls());
    }

    private static String jsonString(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static SSLContext trusting(X509Certificate root) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("pebble-tls-root", root);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build TLS trust for Pebble's root", e);
        }
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("pebble-"); // Owner-only: it holds a private key.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteDirectory(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException alreadyGone) {
            // The watcher got there first (only after a failed start).
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete Pebble's directory " + directory, e);
        }
    }

    /**
     * Pebble's listening ports, and the ports its validation authority would connect to for HTTP-01
     * and TLS-ALPN-01 (unused while every challenge is valid, but they must be set).
     */
    private record Ports(int acme, int management, int validationHttp, int validationTls) {
        /** Four ports that were free a moment ago; held open together so that they differ. */
        static Ports free() {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            try (ServerSocket acme = new ServerSocket(0, 1, loopback);
                    ServerSocket management = new ServerSocket(0, 1, loopback);
                    ServerSocket validationHttp = new ServerSocket(0, 1, loopback);
                    ServerSocket validationTls = new ServerSocket(0, 1, loopback)) {
                return new Ports(acme.getLocalPort(), management.getLocalPort(), validationHttp.getLocalPort(),
                        validationTls.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package com.certshop.revocation.local.pebble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shredzone.acme4j.Session;

class PebbleServerIT {
    private static final Duration GONE_WITHIN = Duration.ofSeconds(5);

    @Test
    void answersItsDirectoryOverTlsThatOnlyItsThrowawayRootVouchesFor() throws Exception {
        try (PebbleServer pebble = PebbleServer.start()) {
            assertTrue(pebble.directory().toString().matches("https://127\\.0\\.0\\.1:\\d+/dir"), pebble.directory().toString());
            HttpResponse<String> directory = trusting(pebble).send(get(pebble.directory()), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, directory.statusCode());
            assertTrue(directory.body().contains("newAccount"), directory.body());
            try (InputStream pem = Files.newInputStream(pebble.trustedCertificatesPem())) {
                assertEquals(List.of(pebble.tlsRoot()), List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(pem)));
            }
            assertThrows(SSLHandshakeException.class, () -> HttpClient.newHttpClient()
                    .send(get(pebble.directory()), HttpResponse.BodyHandlers.discarding()), "the JVM's default trust");
        }
    }

    @Test
    void ordersWithPastDatesAndRevokesWithTheCertificatesOwnKey() throws Exception {
        try (PebbleServer pebble = PebbleServer.start()) {
            Session session = session(pebble);
            KeyPair accountKey = newKey();
            AcmeOrdering ordering = AcmeOrdering.forAccount(session, accountKey);
            assertEquals(ordering.accountUrl(), AcmeOrdering.forAccount(session, accountKey).accountUrl(),
                    "registering the same key again finds the account");

            Instant notBefore = Instant.now().minus(Duration.ofDays(27)); // Has a fraction of a second.
            Instant notAfter = notBefore.plus(Duration.ofDays(90));
            AcmeOrdering.Ordered ordered = ordering.order(List.of("shop.example", "www.shop.example"), notBefore, notAfter);

            X509Certificate certificate = ordered.certificate();
            assertEquals(notBefore.truncatedTo(ChronoUnit.SECONDS), certificate.getNotBefore().toInstant());
            assertEquals(notAfter.truncatedTo(ChronoUnit.SECONDS), certificate.getNotAfter().toInstant());
            assertEquals(Set.of(List.of(2, "shop.example"), List.of(2, "www.shop.example")),
                    Set.copyOf(certificate.getSubjectAlternativeNames()));
            assertEquals(certificate.getPublicKey(), ordered.certificateKey().getPublic());
            for (List<String> names : List.of(List.of("b.example", "a.example"), List.of("a.example", "b.example"))) {
                assertEquals("CN=" + names.get(0), ordering.order(names, notBefore, notAfter).certificate()
                        .getSubjectX500Principal().getName(), "the first name is the subject, whatever Pebble's order");
            }
            List<X509Certificate> chain = parse(ordered.pemChain());
            assertEquals(2, chain.size(), "leaf and intermediate");
            assertEquals(certificate, chain.get(0));
            certificate.verify(chain.get(1).getPublicKey());

            assertThrows(IllegalArgumentException.class, () -> AcmeOrdering.revokeWithCertificateKey(session, ordered, 7));
            AcmeOrdering.revokeWithCertificateKey(session, ordered, 1); // keyCompromise
            String status = certificateStatus(pebble, certificate);
            assertTrue(status.matches("(?s).*\"Status\":\\s*\"Revoked\".*"), status);
            assertTrue(status.matches("(?s).*\"Reason\":\\s*1(?!\\d).*"), status);

            AcmeRequestException again = assertThrows(AcmeRequestException.class,
                    () -> AcmeOrdering.revokeWithCertificateKey(session, ordered, 1));
            assertTrue(again.getMessage().contains("alreadyRevoked"), again.getMessage());
        }
    }

    @Test
    void pausedItDoesNotAnswerAndResumedItStillKnowsItsCertificates() throws Exception {
        try (PebbleServer pebble = PebbleServer.start()) {
            Instant now = Instant.now();
            AcmeOrdering.Ordered ordered = AcmeOrdering.forAccount(session(pebble), newKey())
                    .order(List.of("paused.example"), now, now.plus(Duration.ofDays(90)));

            pebble.pause();
            HttpRequest impatient = HttpRequest.newBuilder(pebble.directory()).timeout(Duration.ofMillis(500)).build();
            assertThrows(HttpTimeoutException.class,
                    () -> trusting(pebble).send(impatient, HttpResponse.BodyHandlers.discarding()));

            pebble.resume();
            pebble.resume();
            assertEquals(200, trusting(pebble).send(get(pebble.directory()), HttpResponse.BodyHandlers.discarding()).statusCode());
            String status = certificateStatus(pebble, ordered.certificate());
            assertTrue(status.matches("(?s).*\"Status\":\\s*\"Valid\".*"), status);
        }
    }

    /** Ctrl-C signals the terminal's whole process group: Pebble waits for its JVM to stop it. */
    @Test
    void anInterruptFromTheTerminalLeavesItServing() throws Exception {
        try (PebbleServer pebble = PebbleServer.start()) {
            ProcessHandle wrapper = ProcessHandle.of(pebble.pid()).flatMap(ProcessHandle::parent).orElseThrow();
            List<ProcessHandle> group = Stream.concat(Stream.of(wrapper), wrapper.descendants()).toList();
            for (ProcessHandle p : group) {
                assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
            }
            Thread.sleep(1_000);
            assertTrue(group.stream().allMatch(ProcessHandle::isAlive), "the wrapper, Pebble and the watcher outlive it");
            assertEquals(200, trusting(pebble).send(get(pebble.directory()), HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void closingAPausedServerLeavesNoProcessAndNoFiles() {
        Set<Long> processesBefore = descendantsOfThisJvm();
        PebbleServer pebble = PebbleServer.start();
        long pid = pebble.pid();
        Path directory = pebble.log().getParent();
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        pebble.pause();

        pebble.close();

        assertFalse(ProcessHandle.allProcesses().anyMatch(process -> process.pid() == pid), "pebble still runs");
        assertFalse(Files.exists(directory), directory + " is left behind");
        assertEquals(processesBefore, descendantsOfThisJvm(), "no wrapper or watcher either");
        pebble.close();
        assertThrows(IllegalStateException.class, pebble::resume);
    }

    @Test
    void aPebbleThatDiesOnStartIsReportedAndCleanedUp() throws Exception {
        Set<Long> processesBefore = descendantsOfThisJvm();
        Set<Path> directoriesBefore = pebbleDirectories();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PebbleServer.start("/bin/false"));
        assertTrue(e.getMessage().startsWith("Pebble exited with code 1 before it was ready"), e.getMessage());
        assertEquals(processesBefore, descendantsOfThisJvm());
        assertTrue(directoriesBefore.containsAll(pebbleDirectories()), "a new pebble-* directory is left behind");
    }

    @Test
    void aMissingBinaryIsReportedInOneLineWithInstallInstructions() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PebbleServer.start("/nonexistent/pebble"));
        assertTrue(e.getMessage().contains(PebbleServer.INSTALL_HINT), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest(name = "paused: {0}")
    @ValueSource(booleans = {false, true})
    void aJvmKilledWithSigkillTakesPebbleAndItsFilesWithIt(boolean paused) throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PebbleInAChildJvm.class.getName(), paused ? "paused" : "running")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long pid = -1;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readPebbleLine(out)).get(20, TimeUnit.SECONDS);
            String[] words = line.split(" ");
            pid = Long.parseLong(words[1]);
            Path directory = Path.of(words[2]);
            assertTrue(ProcessHandle.of(pid).isPresent() && Files.isDirectory(directory), line);

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs.
            assertTrue(jvm.waitFor(5, TimeUnit.SECONDS));

            long pebble = pid;
            assertTrue(eventually(() -> ProcessHandle.of(pebble).isEmpty()), "pebble " + pid + " outlived its JVM");
            assertTrue(eventually(() -> !Files.exists(directory)), directory + " is left behind");
        } finally {
            jvm.destroyForcibly();
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static String readPebbleLine(BufferedReader out) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("pebble ")) {
                    return line;
                }
            }
            throw new IllegalStateException("the child JVM ended without starting Pebble");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(GONE_WITHIN);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static Session session(PebbleServer pebble) {
        return new Session(pebble.directory(), new TrustingAcmeProvider(pebble.sslContext()));
    }

    private static HttpClient trusting(PebbleServer pebble) {
        return HttpClient.newBuilder().sslContext(pebble.sslContext()).build();
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    }

    /** Pebble's management API view of a certificate: JSON with Status, and Reason once revoked. */
    private static String certificateStatus(PebbleServer pebble, X509Certificate certificate) throws Exception {
        URI uri = pebble.management().resolve("/cert-status-by-serial/" + certificate.getSerialNumber().toString(16));
        HttpResponse<String> response = trusting(pebble).send(get(uri), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static List<X509Certificate> parse(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                .map(X509Certificate.class::cast).toList();
    }

    private static KeyPair newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Set<Long> descendantsOfThisJvm() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static Set<Path> pebbleDirectories() throws Exception {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(path -> path.getFileName().toString().startsWith("pebble-")).collect(Collectors.toSet());
        }
    }
}

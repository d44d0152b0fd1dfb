package com.certshop.revocation.aws.ca.status;

import com.certshop.revocation.local.issuer.ThrowawayIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OCSP responder: {@code openssl ocsp} serving an index file, as a child process on a free
 * loopback port. It reads the index once at start, so a changed index means a new responder.
 */
final class OpensslOcspResponder implements AutoCloseable {
    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Process process;
    private final Path directory;
    private final URI url;

    private OpensslOcspResponder(Process process, Path directory, URI url) {
        this.process = process;
        this.directory = directory;
        this.url = url;
    }

    /** A free loopback port for a responder about to be started (certificates name it in their AIA first). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of the responder's index: a certificate it knows, valid or revoked with a reason. */
    record Entry(ThrowawayIssuer.Issued certificate, Instant revokedAt, String reason) {
        static Entry valid(ThrowawayIssuer.Issued certificate) {
            return new Entry(certificate, null, null);
        }

        static Entry revoked(ThrowawayIssuer.Issued certificate, Instant at, String reason) {
            return new Entry(certificate, at, reason);
        }

        String line() {
            String expiry = INDEX_TIME.format(certificate.certificate().getNotAfter().toInstant());
            String revocation = revokedAt == null ? "" : INDEX_TIME.format(revokedAt) + "," + reason;
            return (revokedAt == null ? "V" : "R") + "\t" + expiry + "\t" + revocation + "\t" + certificate.serialHex()
                    + "\tunknown\t/CN=" + certificate.certificate().getSubjectX500Principal().getName().replace("CN=", "") + "\n";
        }
    }

    /**
     * Serves the entries for {@code ca}'s certificates on {@code port}, signing with {@code signer}'s
     * certificate and key (the CA itself, a delegated responder, or an impostor).
     */
    static OpensslOcspResponder start(int port, ThrowawayIssuer ca, String signerPem, String signerKeyPem, List<Entry> entries) {
        try {
            Path dir = Files.createTempDirectory("ocsp-responder-");
            StringBuilder index = new StringBuilder();
            entries.forEach(e -> index.append(e.line()));
            Files.writeString(dir.resolve("index.txt"), index, StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("ca.pem"), ca.certificatePem(), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("signer.pem"), signerPem, StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("signer.key"), signerKeyPem, StandardCharsets.US_ASCII);
            List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-index", "index.txt", "-port",
                    Integer.toString(port), "-rsigner", "signer.pem", "-rkey", "signer.key", "-CA", "ca.pem", "-ignore_err",
                    // Answers valid for 5 minutes (a nextUpdate), as production responders give one.
                    "-nmin", "5"));
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("responder.log").toFile()).start();
            OpensslOcspResponder responder = new OpensslOcspResponder(process, dir, URI.create("http://127.0.0.1:" + port));
            responder.awaitListening(port);
            return responder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return url;
    }

    /**
     * Waits for the line it prints once it accepts connections. Never probe with a bare TCP connect:
     * OpenSSL 3.0 spins forever on a connection closed before a request (openssl/openssl#23934).
     */
    private void awaitListening(int port) throws IOException {
        Path log = directory.resolve("responder.log");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("openssl ocsp exited: " + Files.readString(log));
            }
            if (Files.readString(log).contains("waiting for OCSP client connections")) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("openssl ocsp did not listen on " + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}

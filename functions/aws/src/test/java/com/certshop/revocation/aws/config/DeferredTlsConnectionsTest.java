package com.certshop.revocation.aws.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.local.issuer.ThrowawayIssuer;
import com.certshop.revocation.local.issuer.ThrowawayIssuer.Issued;
import com.certshop.revocation.local.issuer.ThrowawayIssuer.Request;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * A function's AWS clients build no TLS context for an http endpoint, and verify an https one as the
 * SDK's own client would: against the JDK's trust store, host name included; their timeouts hold.
 */
class DeferredTlsConnectionsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String TLS_CONTEXT = "sun.security.ssl.SSLContextImpl";

    @Test
    void httpBuildsNoTlsContextAndHttpsIsVerifiedAgainstTheJdkTrustStore(@TempDir Path dir) throws Exception {
        ThrowawayIssuer trusted = ThrowawayIssuer.create("Trusted root");
        ThrowawayIssuer untrusted = ThrowawayIssuer.create("Untrusted root");
        Path trustStore = dir.resolve("trust.p12");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", trusted.certificate());
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD);
        }
        HttpServer http = serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        HttpsServer good = https(trusted, trusted.issue(Request.forNames("localhost")));
        TlsHandshakes unknownRoot = new TlsHandshakes(tls(untrusted, untrusted.issue(Request.forNames("localhost"))));
        TlsHandshakes otherName = new TlsHandshakes(tls(trusted, trusted.issue(Request.forNames("other.example"))));
        try {
            Path classLoads = dir.resolve("class-loads.log");
            Process child = new ProcessBuilder(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xlog:class+load=info:file=" + classLoads,
                    "-Djavax.net.ssl.trustStore=" + trustStore,
                    "-Djavax.net.ssl.trustStorePassword=" + new String(PASSWORD),
                    "-Djavax.net.ssl.trustStoreType=PKCS12",
                    "-Daws.accessKeyId=AKIDEXAMPLE", "-Daws.secretAccessKey=secret", "-Daws.maxAttempts=1", // a refused handshake is not retried
                    "-cp", System.getProperty("java.class.path"), TlsOnFirstHttpsRequest.class.getName(),
                    "http://localhost:" + http.getAddress().getPort(),
                    "https://localhost:" + good.getAddress().getPort(),
                    "https://localhost:" + unknownRoot.port(),
                    "https://localhost:" + otherName.port())
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
            assertEquals(0, child.exitValue(), output);
            List<String> lines = output.lines().filter(l -> l.startsWith("ok") || l.startsWith("refused:")).toList();
            assertEquals(4, lines.size(), output);
            assertEquals("ok", lines.get(0), "http");
            assertEquals("ok", lines.get(1), "https, a certificate for the host from a trusted root");
            assertTrue(lines.get(2).contains("javax.net.ssl.SSLHandshakeException"), "an untrusted root: " + lines.get(2));
            assertTrue(lines.get(3).startsWith("refused:"), "a certificate for another host: " + lines.get(3));

            List<String> loaded = new ArrayList<>();
            for (String line : Files.readAllLines(classLoads)) {
                String[] fields = line.split(" ");
                loaded.add(fields.length > 1 ? fields[1] : "");
            }
            int afterHttp = loaded.indexOf(TlsOnFirstHttpsRequest.AfterFirstRequest.class.getName());
            assertTrue(afterHttp > 0, "the mark after the http request is in the class-loading log");
            assertTrue(loaded.indexOf(TLS_CONTEXT) > afterHttp,
                    "the TLS context is built by the first https request, not by the client or the http request");
        } finally {
            http.stop(0);
            good.stop(0);
            unknownRoot.close();
            otherName.close();
        }
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpAfterTheReadTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SdkHttpClient client = UrlConnectionHttpClient.create(
                        new DeferredTlsConnections(Duration.ofSeconds(2), Duration.ofMillis(300)))) {
            Thread accept = new Thread(() -> {
                try (Socket connection = silent.accept()) {
                    Thread.sleep(5_000); // holds the connection open, answering nothing
                    connection.shutdownOutput();
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            accept.setDaemon(true);
            accept.start();
            SdkHttpFullRequest get = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                    .uri(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/")).build();
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class,
                    () -> client.prepareRequest(HttpExecuteRequest.builder().request(get).build()).call());
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(millis >= 300 && millis < 3_000, millis + " ms");
        }
    }

    /** Answers every request with an empty JSON object (to ListStateMachines: no state machines). */
    private static <S extends HttpServer> S serve(S server) {
        server.createContext("/", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static HttpsServer https(ThrowawayIssuer root, Issued certificate) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls(root, certificate)));
        return serve(server);
    }

    /** A server side TLS context presenting the certificate and its root. */
    private static SSLContext tls(ThrowawayIssuer root, Issued certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", certificate.keyPair().getPrivate(), PASSWORD,
                new Certificate[] {certificate.certificate(), root.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        return tls;
    }

    /** Presents a certificate in TLS handshakes and closes each connection after its handshake. */
    private static final class TlsHandshakes implements AutoCloseable {
        private final SSLServerSocket socket;

        TlsHandshakes(SSLContext tls) throws IOException {
            socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (SSLSocket connection = (SSLSocket) socket.accept()) {
                        connection.startHandshake();
                    } catch (IOException e) {
                        // the client refused the certificate, or the test is over
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

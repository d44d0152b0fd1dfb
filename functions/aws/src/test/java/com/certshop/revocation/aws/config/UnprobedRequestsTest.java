package com.certshop.revocation.aws.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** AWS requests sent without the JDK's probe still carry their length and body, once each, also over a connection the server closed. */
class UnprobedRequestsTest {

    @Test
    void eachRequestArrivesWithItsLengthAndBodyOverOneKeptAliveConnection() throws Exception {
        try (Server server = new Server(false); SdkHttpClient client = new UnprobedRequests(UrlConnectionHttpClient.create())) {
            for (String body : List.of("{\"TableName\":\"a\"}", "{}", "{\"Key\":{\"pk\":{\"S\":\"é\"}}}")) {
                assertEquals("ok", post(client, server, body));
            }
            assertEquals(List.of("17 {\"TableName\":\"a\"}", "2 {}", "25 {\"Key\":{\"pk\":{\"S\":\"é\"}}}"), server.received);
            assertEquals(1, server.connections.get());
        }
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplacedAndTheRequestSentOnce() throws Exception {
        try (Server server = new Server(true); SdkHttpClient client = new UnprobedRequests(UrlConnectionHttpClient.create())) {
            assertEquals("ok", post(client, server, "{\"n\":1}"));
            Thread.sleep(100); // the server's close reaches the client's idle connection
            assertEquals("ok", post(client, server, "{\"n\":2}"));
            assertEquals(List.of("7 {\"n\":1}", "7 {\"n\":2}"), server.received);
            assertEquals(2, server.connections.get());
        }
    }

    private static String post(SdkHttpClient client, Server server, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(server.uri())
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", Integer.toString(bytes.length)).build();
        HttpExecuteResponse response = client.prepareRequest(HttpExecuteRequest.builder().request(request)
                .contentStreamProvider(ContentStreamProvider.fromByteArray(bytes)).build()).call();
        try (InputStream in = response.responseBody().orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A bare HTTP/1.1 server that records "Content-Length body" of each request; it may close each connection after answering. */
    private static final class Server implements AutoCloseable {
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket socket;
        private final boolean closeAfterEach;

        Server(boolean closeAfterEach) throws IOException {
            this.closeAfterEach = closeAfterEach;
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        connections.incrementAndGet();
                        Thread serve = new Thread(() -> serve(s));
                        serve.setDaemon(true);
                        serve.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }

        private void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    int length = head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                            .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElse(-1);
                    byte[] body = in.readNBytes(Math.max(length, 0));
                    received.add(length + " " + new String(body, StandardCharsets.UTF_8));
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (closeAfterEach) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                String text = head.toString(StandardCharsets.US_ASCII);
                if (text.endsWith("\r\n\r\n")) {
                    return text;
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

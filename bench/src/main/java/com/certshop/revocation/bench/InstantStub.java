package com.certshop.revocation.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An AWS endpoint that answers instantly: the first time it sees a request (operation, path and
 * body) it asks moto and keeps the answer; every later identical request gets the kept answer
 * without moto. Warm calls against it measure what the client side costs (signing, marshalling,
 * the HTTP client) with as little server time as a local HTTP exchange allows; the bare exchanges
 * the warm calls are paired with (the runtime stand-in's {@code RawExchange}) measure that exchange
 * alone, through the same stub code. The JVM must run with
 * {@code sun.net.httpserver.nodelay=true} (read once, by the first HTTP server of the JVM), or the
 * server's header and body writes wait on the client's delayed ACK, some 40 ms an exchange.
 */
final class InstantStub implements AutoCloseable {
    private static final List<String> KEPT_HEADERS = List.of("Content-Type", "x-amz-crc32", "x-amzn-RequestId");

    private final HttpServer server;
    private final URI moto;
    private final HttpClient forward = HttpClient.newHttpClient();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    private record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    InstantStub(URI moto) throws IOException {
        this.moto = moto;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "instant-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests answered so far, kept or forwarded. */
    long requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + target + " "
                + new String(body, StandardCharsets.UTF_8);
        Answer answer = answers.get(key);
        if (answer == null) {
            answer = ask(exchange, body);
            answers.put(key, answer);
        }
        answer.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(answer.status, answer.body.length == 0 ? -1 : answer.body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body);
        }
    }

    private Answer ask(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(moto.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!List.of("host", "content-length", "connection", "expect").contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (String name : KEPT_HEADERS) {
                response.headers().firstValue(name).ifPresent(v -> headers.put(name, v));
            }
            return new Answer(response.statusCode(), headers, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

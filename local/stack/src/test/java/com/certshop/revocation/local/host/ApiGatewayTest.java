package com.certshop.revocation.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.local.template.SamTemplate;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local gateway's own answers, the ones given before any function runs. Requests go over a
 * raw socket: the JDK's HTTP client would refuse to send most of them. No route here reaches a
 * function, so none is loaded.
 */
class ApiGatewayTest {
    private final JwtAuthority authority = new JwtAuthority("http://127.0.0.1/local", "certshop-local", Clock.systemUTC());
    private final ApiGateway gateway;

    ApiGatewayTest() throws IOException {
        gateway = new ApiGateway(0, List.of(
                new SamTemplate.HttpRoute("GET", "/certificates", "ListCertificatesFunction", false),
                new SamTemplate.HttpRoute("POST", "/certificates/{id}/revocation", "SubmitRevocationFunction", false)),
                Map.of(), authority, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    private record Answer(int status, Map<String, String> headers, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> error() throws IOException {
            return (Map<String, Object>) JSON.std.mapFrom(body).get("error");
        }
    }

    /** Sends the request head (and body bytes, if any) as given, and reads the whole answer. */
    private Answer send(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // The gateway may answer and close before it has read all of a refused body.
            }
            // Read by Content-Length, not to the end: after refusing a body it has not read, the
            // server keeps the connection open a while to drain it.
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answered = new ByteArrayOutputStream();
            while (!answered.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed without an answer");
                }
                answered.write(b);
            }
            String[] lines = answered.toString(StandardCharsets.ISO_8859_1).strip().split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    private Answer get(String target, String... headerLines) throws IOException {
        return send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + String.join("", List.of(headerLines).stream().map(h -> h + "\r\n").toList()) + "\r\n", new byte[0]);
    }

    private String token() {
        return authority.issue("account-a", "alice@corp.example", Duration.ofHours(1));
    }

    @Test
    void withoutAValidTokenTheAnswerIs401InTheDocumentedShape() throws IOException {
        Answer answer = get("/certificates");
        assertEquals(401, answer.status());
        assertEquals("UNAUTHENTICATED", answer.error().get("code"));
        assertTrue(answer.error().get("message") instanceof String);
        assertEquals("Bearer", answer.headers().get("www-authenticate"));
        assertTrue(answer.headers().get("content-type").startsWith("application/json"));
    }

    @Test
    void anUnknownRouteIs404InTheDocumentedShape() throws IOException {
        Answer answer = get("/nothing-here");
        assertEquals(404, answer.status());
        assertEquals("ROUTE_NOT_FOUND", answer.error().get("code"));
        assertEquals("No route GET /nothing-here.", answer.error().get("message"));
    }

    @Test
    void aMalformedUrlIs400InTheDocumentedShape() throws IOException {
        // Broken escapes, characters a URL cannot hold, and escapes that are well formed but not UTF-8.
        for (String target : List.of("/certificates/%zz", "/certificates?status=%", "/certificates/a%2", "/certificates/a|b",
                "/certificates?status=%ff", "/certificates?limit=%c3%28", "/certificates/%c3%28/revocation",
                "/certificates/%zz/revocation")) {
            Answer answer = target.contains("revocation")
                    ? send("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", new byte[0])
                    : get(target);
            assertEquals(400, answer.status(), target);
            assertEquals("MALFORMED_URL", answer.error().get("code"), target);
        }
    }

    @Test
    void aBodyOverTheTenMegabyteLimitIs413AndNoFunctionRuns() throws IOException {
        String auth = "Authorization: Bearer " + token() + "\r\n";
        Answer declared = send("POST /certificates/dv1/revocation HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + auth
                + "Content-Type: application/json\r\nContent-Length: " + (ApiGateway.PAYLOAD_LIMIT + 1) + "\r\n\r\n", new byte[0]);
        assertEquals(413, declared.status());
        assertEquals("PAYLOAD_TOO_LARGE", declared.error().get("code"));

        // Chunked: no length is declared, so the gateway counts what it reads.
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        for (int i = 0; i < 11; i++) {
            chunked.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.writeBytes(chunk);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Answer streamed = send("POST /certificates/dv1/revocation HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + auth
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", chunked.toByteArray());
        assertEquals(413, streamed.status());
        assertEquals("PAYLOAD_TOO_LARGE", streamed.error().get("code"));
    }

    @Test
    void aHeaderValueWithAControlCharacterIs400AndIsNotPassedOnWithoutIt() throws IOException {
        // The JDK's server would strip the trailing NUL and take the token without it.
        for (String header : List.of("Authorization: Bearer " + token() + "\0", "Authorization: Bearer \0" + token(),
                "X-Note: a\rb", "X-Note: \u007f", "Idempotency-Key: key\u0001")) {
            Answer answer = get("/certificates", header);
            assertEquals(400, answer.status(), header);
            assertEquals("MALFORMED_HEADER", answer.error().get("code"), header);
        }
        for (String header : List.of("No-Colon-Here", "Bad Name: x", ": no name", " folded: continuation")) {
            assertEquals("MALFORMED_HEADER", get("/certificates", header).error().get("code"), header);
        }
        // A tab is allowed in a value; the request reaches the authorizer (no valid token: 401).
        assertEquals(401, get("/certificates", "X-Note: a\tb").status());
    }

    @Test
    void aRequestLineThatIsNotOneIs400() throws IOException {
        for (String line : List.of("GET /certificates", "GET  /certificates HTTP/1.1", "GET /certificates HTTP/2.0",
                "G(T /certificates HTTP/1.1", "GET /certificates HTTP/1.1 extra")) {
            Answer answer = send(line + "\r\nHost: 127.0.0.1\r\n\r\n", new byte[0]);
            assertEquals(400, answer.status(), line);
            assertEquals("MALFORMED_REQUEST", answer.error().get("code"), line);
        }
    }

    @Test
    void headersOverSixtyFourKibibytesAre431() throws IOException {
        Answer answer = get("/certificates", "X-Padding: " + "a".repeat(RequestHeadGuard.HEAD_LIMIT));
        assertEquals(431, answer.status());
        assertEquals("HEADERS_TOO_LARGE", answer.error().get("code"));
    }

    @Test
    void aConnectionCarriesOneRequestSoEveryHeadIsChecked() throws IOException {
        // Two requests on one connection: the first is answered and the connection closed, so the
        // second (which the guard never read) cannot reach the server behind it.
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            String keepAlive = "GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            socket.getOutputStream().write((keepAlive + "GET /certificates HTTP/1.1\r\nAuthorization: Bearer " + token()
                    + "\0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String answered = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answered.startsWith("HTTP/1.1 404 "), answered);
            assertTrue(answered.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answered);
            assertEquals(1, answered.split("HTTP/1.1 ", -1).length - 1, answered);
        }
    }

    @Test
    void aPathWithAnEmptyFirstSegmentIsAnUnknownRouteInTheDocumentedShape() throws IOException {
        // The JDK's server would read "//certificates" as a host name and answer its own HTML 404.
        Answer answer = get("//certificates");
        assertEquals(404, answer.status());
        assertEquals("ROUTE_NOT_FOUND", answer.error().get("code"));
    }

    @Test
    void aRefusedOversizedBodyEndsTheConnectionWithTheAnswer() throws IOException {
        // Declared over the limit, sent short: the answer comes and the connection closes, so a
        // client that reads to the end is not left waiting for the server to drain a body.
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /certificates/dv1/revocation HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token() + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + (ApiGateway.PAYLOAD_LIMIT + 1) + "\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
            String answered = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answered.startsWith("HTTP/1.1 413 "), answered);
            assertTrue(answered.endsWith("}"), answered);
        }
    }
}

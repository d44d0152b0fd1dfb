package com.certshop.revocation.local;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, the request written byte for byte as given. Java's HttpClient
 * refuses a NUL in a header value and a request line it cannot parse, which are exactly what a
 * test of hostile input has to send.
 */
final class RawHttp {
    private static final int TIMEOUT_MILLIS = 30_000;

    private RawHttp() {
    }

    /** An answer: its status, its headers (names in lower case) and its body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends one request, which should say {@code Connection: close}, and reads the answer: as long
     * as its Content-Length says, or else to the end of the connection. Not to the end regardless:
     * after refusing a body it will not read, the server may hold the connection open while it
     * waits for the rest of that body.
     */
    static Response exchange(URI endpoint, byte[] request) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String[] lines = new String(head(in), StandardCharsets.ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + lines[0]);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    throw new IOException("not a header line: " + lines[i]);
                }
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(), (a, b) -> a + "," + b);
            }
            String length = headers.get("content-length");
            byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
            return new Response(Integer.parseInt(statusLine[1]), headers, body);
        }
    }

    /** The answer's head, without the blank line that ends it. */
    private static byte[] head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!endsWith(head.toByteArray(), "\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before a complete answer: " + head);
            }
            head.write(b);
        }
        byte[] bytes = head.toByteArray();
        return Arrays.copyOf(bytes, bytes.length - 4);
    }

    private static boolean endsWith(byte[] data, String suffix) {
        byte[] end = suffix.getBytes(StandardCharsets.US_ASCII);
        return data.length >= end.length && Arrays.equals(data, data.length - end.length, data.length, end, 0, end.length);
    }
}

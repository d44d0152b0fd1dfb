package com.certshop.revocation.local.host;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading and answering requests on the local servers, the same way everywhere. */
public final class Exchanges {
    private Exchanges() {
    }

    /** Sends a response; no body for 204, 304 and HEAD, as HTTP requires. */
    public static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean noBody = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod()) || body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Sends JSON text that must not be cached (tokens, mail, the local tools' answers). */
    public static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The query string's parameters; a repeated name's values joined with commas, as the HTTP API
     * does.
     *
     * @throws MalformedRequest for a broken percent escape ({@code %zz}, a trailing {@code %})
     */
    public static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    /**
     * Percent-decodes a raw path segment or query component. Strict where {@link java.net.URLDecoder}
     * is not: it throws an unchecked IllegalArgumentException on {@code %zz}, which escaped the
     * request handler and left the client without any answer, and quietly turns bad UTF-8 into
     * U+FFFD. A '+' is a space in a query only, never in a path.
     *
     * @throws MalformedRequest when an escape is incomplete or the bytes are not UTF-8
     */
    public static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
                    throw new MalformedRequest();
                }
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                int cp = raw.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedRequest();
        }
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** A request line that does not decode: answered 400 before any function runs. */
    public static final class MalformedRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedRequest() {
            super("a broken percent escape in the request line");
        }
    }

    /** The 400 for a {@link MalformedRequest}, in the API's documented error shape. */
    public static void badRequest(HttpExchange exchange) throws IOException {
        sendError(exchange, 400, Map.of(), "MALFORMED_URL",
                "The URL has a broken percent escape or bytes that are not UTF-8.");
    }

    /** The 404 for a request no route (and no console file) serves, in the documented shape. */
    public static void routeNotFound(HttpExchange exchange) throws IOException {
        sendError(exchange, 404, Map.of(), "ROUTE_NOT_FOUND", "No route " + com.certshop.revocation.domain.text.InputText
                .echo(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()) + ".");
    }

    /**
     * An answer of the gateway itself in the shape the API documents for every refusal,
     * {@code {"error":{"code","message"}}}, so a client reads the local gateway's refusals the
     * way it reads the functions'.
     */
    public static void sendError(HttpExchange exchange, int status, Map<String, String> headers, String code,
            String message) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        send(exchange, status, all, errorBody(code, message));
    }

    /** {@code {"error":{"code","message"}}} as UTF-8 JSON. */
    static byte[] errorBody(String code, String message) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return com.fasterxml.jackson.jr.ob.JSON.std.asBytes(Map.of("error", error));
    }
}

package com.certshop.revocation.local.host;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
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

    /** The query string's parameters; a repeated name's values joined with commas, as the HTTP API does. */
    public static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }
}

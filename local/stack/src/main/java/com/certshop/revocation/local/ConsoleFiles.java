package com.certshop.revocation.local;

import com.certshop.revocation.local.host.Exchanges;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The console page's static files (HTML, CSS, JS from the classpath's console/ folder), at / and /console/. */
final class ConsoleFiles implements HttpHandler {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String file = path.equals("/") ? "index.html" : path.startsWith("/console/") ? path.substring(9) : null;
            InputStream in = file == null || file.contains("..") || !"GET".equals(exchange.getRequestMethod()) ? null
                    : ConsoleFiles.class.getResourceAsStream("/console/" + file);
            if (in == null) {
                // The console shares the API's port: what it does not serve is an unknown API route.
                Exchanges.routeNotFound(exchange);
                return;
            }
            byte[] body;
            try (in) {
                body = in.readAllBytes();
            }
            String extension = file.substring(file.lastIndexOf('.') + 1);
            Exchanges.send(exchange, 200, Map.of(
                    "Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"),
                    "Cache-Control", "no-cache",
                    "X-Content-Type-Options", "nosniff",
                    "Content-Security-Policy", "default-src 'self'; frame-src 'self'; img-src 'self' data:; "
                            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"), body);
        }
    }
}

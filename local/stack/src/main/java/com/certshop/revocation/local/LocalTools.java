package com.certshop.revocation.local;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Local-only helpers under /local/, beside the API (never deployed):
 * <pre>
 * GET  /local/token?sub=&amp;email=  a bearer token the local JWT authorizer accepts
 * GET  /local/accounts              the demo accounts
 * POST /local/refund-check          runs the scheduled refund check now
 * GET  /local/mail                  the mail SES accepted, newest first
 * GET  /local/mail/{id}             one message as the recipient's mail client shows it
 * </pre>
 */
final class LocalTools implements HttpHandler {
    private final LocalStack stack;
    private final Supplier<Mailbox> mailbox;

    LocalTools(LocalStack stack, Supplier<Mailbox> mailbox) {
        this.stack = stack;
        this.mailbox = mailbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (path.equals("/local/token") && query.containsKey("sub")) {
                json(exchange, 200, Map.of("token", stack.issueToken(query.get("sub"), query.get("email"))));
            } else if (path.equals("/local/accounts")) {
                json(exchange, 200, Map.of("items", DemoData.ACCOUNTS.stream()
                        .map(a -> Map.of("subject", a.subject(), "name", a.name(), "email", a.email())).toList()));
            } else if (path.equals("/local/refund-check") && "POST".equals(method)) {
                send(exchange, 200, "application/json", stack.runRefundCheck());
            } else if (path.equals("/local/mail")) {
                List<Mailbox.Mail> mail = mailbox.get().messages();
                List<Map<String, Object>> items = new java.util.ArrayList<>();
                for (int i = mail.size() - 1; i >= 0; i--) {
                    Mailbox.Mail m = mail.get(i);
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("id", m.id());
                    item.put("from", m.from());
                    item.put("to", m.to());
                    item.put("subject", m.subject());
                    items.add(item);
                }
                json(exchange, 200, Map.of("items", items));
            } else if (path.startsWith("/local/mail/")) {
                String id = path.substring("/local/mail/".length());
                var message = mailbox.get().messages().stream().filter(m -> m.id().equals(id)).findFirst();
                if (message.isEmpty()) {
                    json(exchange, 404, Map.of("message", "Not Found"));
                } else {
                    // Links leave the inbox's frame: the confirmation page refuses to be framed.
                    exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
                    send(exchange, 200, "text/html; charset=utf-8",
                            message.get().body().replaceFirst("<head>", "<head><base target=\"_top\">"));
                }
            } else {
                json(exchange, 404, Map.of("message", "Not Found"));
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.std.asString(body));
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

package com.certshop.revocation.local;

import com.certshop.revocation.local.host.Exchanges;
import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final EmulatedStack stack;
    private final Mailbox mailbox;

    LocalTools(EmulatedStack stack, Mailbox mailbox) {
        this.stack = stack;
        this.mailbox = mailbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> query;
            try {
                query = Exchanges.query(exchange.getRequestURI().getRawQuery());
            } catch (Exchanges.MalformedRequest e) {
                Exchanges.badRequest(exchange);
                return;
            }
            if (path.equals("/local/token") && query.containsKey("sub")) {
                json(exchange, 200, Map.of("token", stack.issueToken(query.get("sub"), query.get("email"))));
            } else if (path.equals("/local/accounts")) {
                json(exchange, 200, Map.of("items", DemoData.ACCOUNTS.stream()
                        .map(a -> Map.of("subject", a.subject(), "name", a.name(), "email", a.email())).toList()));
            } else if (path.equals("/local/refund-check") && "POST".equals(method)) {
                Exchanges.sendJson(exchange, 200, stack.runRefundCheck());
            } else if (path.equals("/local/ca-check") && "POST".equals(method)) {
                Exchanges.sendJson(exchange, 200, stack.runCaCheck());
            } else if (path.equals("/local/mail")) {
                List<Mailbox.Mail> mail = mailbox.messages();
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
                var message = mailbox.messages().stream().filter(m -> m.id().equals(id)).findFirst();
                if (message.isEmpty()) {
                    json(exchange, 404, Map.of("message", "Not Found"));
                } else {
                    // Links leave the inbox's frame: the confirmation page refuses to be framed.
                    Exchanges.send(exchange, 200, Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store",
                            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"),
                            message.get().body().replaceFirst("<head>", "<head><base target=\"_top\">")
                                    .getBytes(StandardCharsets.UTF_8));
                }
            } else {
                json(exchange, 404, Map.of("message", "Not Found"));
            }
        }
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        Exchanges.sendJson(exchange, status, JSON.std.asString(body));
    }
}

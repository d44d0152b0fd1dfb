package com.certshop.revocation.local.host;

import com.certshop.revocation.local.template.SamTemplate;
import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API on a loopback port: the routes of template.yaml turned into payload format 2.0
 * events for their functions, with the JWT authorizer's checks in front of every route that has
 * not opted out. Extra local pages and actions can be mounted beside the API.
 */
public final class ApiGateway extends LoopbackServer {
    /** API Gateway's payload limit (10 MB); a larger request body is refused with 413 and no function runs. */
    static final int PAYLOAD_LIMIT = 10 * 1024 * 1024;

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final List<Route> routes = new ArrayList<>();
    private final RequestHeadGuard guard;
    private final JwtAuthority authority;
    private final Clock clock;
    private volatile HttpHandler fallback;

    public ApiGateway(int port, List<SamTemplate.HttpRoute> templateRoutes, Map<String, FunctionHost> functions,
            JwtAuthority authority, Clock clock) throws IOException {
        super(0); // behind the guard, which owns the port clients use
        this.authority = authority;
        this.clock = clock;
        for (SamTemplate.HttpRoute route : templateRoutes) {
            routes.add(Route.of(route, functions.get(route.functionId())));
        }
        // As API Gateway does, the most specific route wins: GET /revocations/confirm, not
        // GET /revocations/{batchId}, whatever the template's order.
        routes.sort(java.util.Comparator.comparingInt(r -> r.names().size()));
        try {
            this.guard = new RequestHeadGuard(port, super.port());
        } catch (IOException e) {
            super.close();
            throw e;
        }
        serve(this::handle);
    }

    /** The port clients use: the guard's, in front of the JDK's server. */
    @Override
    public int port() {
        return guard.port();
    }

    @Override
    public void close() {
        guard.close();
        super.close();
    }

    /** Serves {@code path} and below with a local handler instead of the API (the local tools). */
    public void mount(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** Answers requests that match no API route (the console's pages) instead of a 404. */
    public void fallback(HttpHandler handler) {
        this.fallback = handler;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Optional<Match> match;
            Map<String, String> query;
            try {
                match = routes.stream().map(r -> r.match(method, path)).flatMap(Optional::stream).findFirst();
                query = Exchanges.query(exchange.getRequestURI().getRawQuery());
            } catch (Exchanges.MalformedRequest e) {
                // Refused before any function runs; before, the decoder's exception closed the
                // connection without an answer.
                Exchanges.badRequest(exchange);
                return;
            }
            if (match.isEmpty() && fallback != null) {
                fallback.handle(exchange);
                return;
            }
            if (match.isEmpty()) {
                Exchanges.routeNotFound(exchange);
                return;
            }
            if (declaredLength(exchange) > PAYLOAD_LIMIT) {
                // Refused on the declared length, before a byte of the body is read.
                tooLarge(exchange);
                return;
            }
            Map<String, String> claims = null;
            if (!match.get().route().isPublic()) {
                Optional<Map<String, String>> verified = authority.verify(exchange.getRequestHeaders().getFirst("Authorization"));
                if (verified.isEmpty()) {
                    // The JWT authorizer refuses and the function is never called.
                    Exchanges.sendError(exchange, 401, Map.of("www-authenticate", "Bearer"), "UNAUTHENTICATED",
                            "A valid bearer token is required.");
                    return;
                }
                claims = verified.get();
            }
            // A chunked body declares no length: it is read up to one byte past the limit.
            byte[] body = exchange.getRequestBody().readNBytes(PAYLOAD_LIMIT + 1);
            if (body.length > PAYLOAD_LIMIT) {
                tooLarge(exchange);
                return;
            }
            byte[] event = JSON.std.asBytes(event(exchange, match.get(), query, claims, body));
            FunctionHost.Invocation result = match.get().route().function().invoke(event, UUID.randomUUID().toString());
            if (result.failed()) {
                Exchanges.send(exchange, 500, Map.of("Content-Type", "application/json"),
                        "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            respond(exchange, JSON.std.mapFrom(result.payload()));
        } catch (RuntimeException e) {
            System.err.println("[api] " + exchange.getRequestURI() + ": " + e);
            e.printStackTrace();
        }
    }

    /** The Content-Length the client declared; 0 when it declared none (a chunked body, or no body). */
    private static long declaredLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            return length == null ? 0 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            // The JDK's server has already refused a Content-Length it cannot parse; nothing to add.
            return 0;
        }
    }

    private static void tooLarge(HttpExchange exchange) throws IOException {
        Exchanges.sendError(exchange, 413, Map.of("Connection", "close"), "PAYLOAD_TOO_LARGE",
                "The request body is larger than API Gateway's limit of 10 MB.");
    }

    /** The request as API Gateway's HTTP API (payload format 2.0) passes it to a function. */
    private Map<String, Object> event(HttpExchange exchange, Match match, Map<String, String> query,
            Map<String, String> claims, byte[] body) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = contentType.isEmpty() || contentType.startsWith("text/") || contentType.contains("json")
                || contentType.contains("x-www-form-urlencoded") || contentType.contains("xml");
        Instant now = clock.instant();
        String routeKey = match.route().routeKey();

        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", exchange.getRequestMethod());
        http.put("path", uri.getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "123456789012");
        context.put("apiId", "local");
        if (claims != null) {
            context.put("authorizer", Map.of("jwt", Map.of("claims", claims, "scopes", List.of())));
        }
        context.put("domainName", headers.getOrDefault("host", "127.0.0.1"));
        context.put("domainPrefix", "local");
        context.put("http", http);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", uri.getRawQuery() == null ? "" : uri.getRawQuery());
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        if (!match.pathParameters().isEmpty()) {
            event.put("pathParameters", match.pathParameters());
        }
        event.put("requestContext", context);
        // Text that is not UTF-8 goes base64-encoded, as binary does: decoded here it would arrive
        // with replacement characters, and the function's strict UTF-8 check could never see it.
        boolean asText = text && isUtf8(body);
        if (body.length > 0) {
            event.put("body", asText ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
        }
        event.put("isBase64Encoded", body.length > 0 && !asText);
        return event;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Writes a payload 2.0 response document (statusCode, headers, cookies, body) as HTTP. */
    private static void respond(HttpExchange exchange, Map<String, Object> response) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.get("headers") instanceof Map<?, ?> h) {
            h.forEach((k, v) -> headers.put(k.toString(), String.valueOf(v)));
        }
        if (response.get("cookies") instanceof List<?> cookies) {
            cookies.forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c.toString()));
        }
        Object body = response.get("body");
        byte[] bytes = body == null ? new byte[0] : Boolean.TRUE.equals(response.get("isBase64Encoded"))
                ? Base64.getDecoder().decode(body.toString()) : body.toString().getBytes(StandardCharsets.UTF_8);
        int status = response.get("statusCode") instanceof Number n ? n.intValue() : 200;
        Exchanges.send(exchange, status, headers, bytes);
    }

    /** A template route compiled to a pattern over the raw path. */
    private record Route(String method, Pattern pattern, List<String> names, SamTemplate.HttpRoute template,
            FunctionHost function) {

        static Route of(SamTemplate.HttpRoute route, FunctionHost function) {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(route.path());
            StringBuilder regex = new StringBuilder("^");
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(route.path().substring(last, m.start()))).append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(route.path().substring(last))).append("$");
            return new Route(route.method(), Pattern.compile(regex.toString()), names, route, function);
        }

        boolean isPublic() {
            return template.isPublic();
        }

        String routeKey() {
            return template.routeKey();
        }

        Optional<Match> match(String requestMethod, String rawPath) {
            Matcher m = pattern.matcher(rawPath);
            if (!method.equals(requestMethod) || !m.matches()) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                parameters.put(names.get(i), Exchanges.decode(m.group(i + 1), false));
            }
            return Optional.of(new Match(this, parameters));
        }
    }

    private record Match(Route route, Map<String, String> pathParameters) {
    }
}

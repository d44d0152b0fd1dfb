package com.certshop.revocation.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * API Gateway HTTP API (payload format 2.0) events as API Gateway sends them to a function: the
 * headers, the request context with its JWT claims, the path and query parameters, the raw path.
 */
final class ApiEvents {
    private ApiEvents() {
    }

    /** A request of a signed-in customer on a route with the JWT authorizer. */
    static Map<String, Object> customer(String account, String method, String route, Map<String, String> pathParameters,
            String body) {
        Map<String, Object> event = base(method, route, pathParameters, Map.of(), body);
        cast(event.get("requestContext")).put("authorizer", Map.of("jwt", Map.of("claims", Map.of("sub", account, "email", "pki@scale.example",
                "iss", "https://auth.certshop.example/", "aud", "certshop-api", "exp", "1795000000", "iat", "1794996400"))));
        cast(event.get("headers")).put("authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2ln");
        return event;
    }

    /** A request on a route without an authorizer (the confirmation link). */
    static Map<String, Object> anonymous(String method, String route, Map<String, String> query) {
        return base(method, route, Map.of(), query, null);
    }

    private static Map<String, Object> base(String method, String route, Map<String, String> pathParameters,
            Map<String, String> query, String body) {
        String path = route;
        for (Map.Entry<String, String> p : pathParameters.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        String routeKey = method + " " + route;
        String rawQuery = query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        Map<String, Object> headers = new LinkedHashMap<>(Map.of("accept", "application/json", "host", "api.certshop.example",
                "user-agent", "curl/8.5.0", "x-forwarded-proto", "https"));
        if (body != null) {
            headers.put("content-type", "application/json");
            headers.put("idempotency-key", "bench-" + path.hashCode());
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "123456789012");
        context.put("apiId", "a1b2c3d4e5");
        context.put("domainName", "api.certshop.example");
        context.put("domainPrefix", "api");
        context.put("http", Map.of("method", method, "path", path, "protocol", "HTTP/1.1", "sourceIp", "203.0.113.7",
                "userAgent", "curl/8.5.0"));
        context.put("requestId", "bench-" + Integer.toHexString(path.hashCode()));
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", "10/Nov/2026:10:00:00 +0000");
        context.put("timeEpoch", 1794996000000L);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", rawQuery);
        event.put("headers", headers);
        event.put("queryStringParameters", query.isEmpty() ? null : query);
        event.put("pathParameters", pathParameters.isEmpty() ? null : pathParameters);
        event.put("requestContext", context);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}

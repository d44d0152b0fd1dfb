package com.certshop.revocation.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Responses with the headers every answer of this API carries. */
public final class HttpResponses {
    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> extraHeaders) {
        Map<String, String> headers = common("application/json");
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(Json.write(body)).build();
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(common(null)).build();
    }

    /** An HTML page. Framing is forbidden and no referrer leaves the page: its URL holds a credential. */
    public static APIGatewayV2HTTPResponse html(int status, String page) {
        return html(status, page, Map.of());
    }

    public static APIGatewayV2HTTPResponse html(int status, String page, Map<String, String> extraHeaders) {
        Map<String, String> headers = common("text/html; charset=utf-8");
        headers.putAll(extraHeaders);
        headers.put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(page).build();
    }

    public static APIGatewayV2HTTPResponse attachment(String contentType, String fileName, String body) {
        Map<String, String> headers = common(contentType);
        headers.put("Content-Disposition", "attachment; filename=\"" + fileName.replace("\"", "") + "\"");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers).withBody(body).build();
    }

    /** A domain refusal: its stable code, its message, and the allowed values when it has them. */
    public static APIGatewayV2HTTPResponse error(DomainException e) {
        return json(statusOf(e), Map.of("error", errorBody(e.code().name(), e.getMessage(), e.allowedValues())));
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return error(status, code, message, Map.of());
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message,
            Map<String, String> extraHeaders) {
        return json(status, Map.of("error", errorBody(code, message, java.util.List.of())), extraHeaders);
    }

    public static int statusOf(DomainException e) {
        return statusOf(e.code());
    }

    /** The status a refusal with this code is answered with. */
    public static int statusOf(ErrorCode code) {
        return switch (code.kind()) {
            case INVALID_INPUT -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
            case UNSUPPORTED_FORMAT -> 415;
            case TOO_LARGE -> 413;
        };
    }

    /** The {@code error.code} of a JSON error answer; empty for any other answer (a page, a success). */
    public static Optional<String> errorCodeOf(APIGatewayV2HTTPResponse response) {
        String type = response.getHeaders() == null ? null : response.getHeaders().get("Content-Type");
        if (type == null || !type.startsWith("application/json") || response.getBody() == null) {
            return Optional.empty();
        }
        try {
            Object error = JSON.std.mapFrom(response.getBody()).get("error");
            return error instanceof Map<?, ?> fields && fields.get("code") instanceof String code
                    ? Optional.of(code) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> errorBody(String code, String message, java.util.List<String> allowed) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (!allowed.isEmpty()) {
            error.put("allowed", allowed);
        }
        return error;
    }

    private static Map<String, String> common(String contentType) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        // Certificates and their state are private to the account and change over time.
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }
}

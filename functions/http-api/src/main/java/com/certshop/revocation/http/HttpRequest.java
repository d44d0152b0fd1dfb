package com.certshop.revocation.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.CertificateId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An HTTP API (payload format 2.0) request, as a handler needs to read it. */
public final class HttpRequest {
    private final APIGatewayV2HTTPEvent event;
    private String body;

    public HttpRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    /** The matched route, e.g. {@code GET /certificates/{id}}. */
    public String routeKey() {
        return event.getRouteKey() == null ? "" : event.getRouteKey();
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(event.getPathParameters()).map(p -> p.get(name));
    }

    /** The {id} of the route as a certificate id; a malformed one names no certificate (404). */
    public CertificateId certificateId() {
        return new CertificateId(pathParameter("id").orElse(null));
    }

    public String query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? null : query.get(name);
    }

    /** A header by name, ignoring case (HTTP API lower-cases them, clients may not). */
    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    /**
     * The body as text, at most {@value RequestBody#MAX_BYTES} bytes (PAYLOAD_TOO_LARGE beyond),
     * base64 undone and strictly UTF-8 (MALFORMED_BODY otherwise).
     */
    public String body() {
        if (body == null) {
            body = RequestBody.text(event.getBody(), event.getIsBase64Encoded());
        }
        return body;
    }

    /** True when the body is declared as a browser form's (any letter case, parameters allowed). */
    public boolean isForm() {
        return RequestBody.declared(header("Content-Type").orElse(null)).orElse(null) == RequestBody.Format.FORM;
    }

    /**
     * A JSON object body as a map; an empty body is an empty object. UNSUPPORTED_MEDIA_TYPE unless
     * the body is declared application/json, INVALID_JSON unless it is exactly one JSON object.
     */
    public Map<String, Object> jsonObject() {
        String text = body();
        if (text.isEmpty()) {
            return Map.of();
        }
        RequestBody.require(header("Content-Type").orElse(null), List.of(RequestBody.Format.JSON));
        return RequestBody.jsonObject(text);
    }

    /**
     * The fields of a body that is either a browser form or a JSON object, JSON values as their
     * text ({@link Json#text(Object)}). UNSUPPORTED_MEDIA_TYPE for any other format.
     */
    public Map<String, String> formOrJsonFields() {
        String text = body();
        if (text.isEmpty()) {
            return Map.of();
        }
        RequestBody.Format format = RequestBody.require(header("Content-Type").orElse(null),
                List.of(RequestBody.Format.FORM, RequestBody.Format.JSON));
        if (format == RequestBody.Format.FORM) {
            return RequestBody.form(text);
        }
        Map<String, String> fields = new HashMap<>();
        RequestBody.jsonObject(text).forEach((name, value) -> fields.put(name, Json.text(value)));
        return fields;
    }

    /**
     * The authenticated caller, from the claims the HTTP API's JWT authorizer verified: the
     * account is the token's subject, the actor its e-mail when present.
     *
     * @throws Unauthenticated when no verified claims came with the request
     */
    public Caller caller() {
        Map<String, String> claims = claims();
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank()) {
            throw new Unauthenticated();
        }
        AccountId account;
        try {
            account = new AccountId(subject);
        } catch (IllegalArgumentException e) {
            throw new Unauthenticated();
        }
        return new Caller(account, Actor.customer(account, claims.get("email")));
    }

    /** The verified token's subject as sent, for the log (which keeps only its hash); empty without one. */
    public Optional<String> subject() {
        return Optional.ofNullable(claims().get("sub"));
    }

    private Map<String, String> claims() {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
    }

    public String requestId() {
        return event.getRequestContext() == null ? "-" : event.getRequestContext().getRequestId();
    }

    /** Who is calling: the account they act for and how the audit trail names them. */
    public record Caller(AccountId account, Actor actor) {
    }

    /** No verified identity came with a request that needs one. */
    public static final class Unauthenticated extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unauthenticated() {
            super("A valid bearer token is required.");
        }
    }
}

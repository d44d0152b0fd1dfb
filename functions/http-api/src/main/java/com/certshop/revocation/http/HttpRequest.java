package com.certshop.revocation.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.CertificateId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** An HTTP API (payload format 2.0) request, as a handler needs to read it. */
public final class HttpRequest {
    private final APIGatewayV2HTTPEvent event;

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

    public String body() {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        return event.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    /**
     * The authenticated caller, from the claims the HTTP API's JWT authorizer verified: the
     * account is the token's subject, the actor its e-mail when present.
     *
     * @throws Unauthenticated when no verified claims came with the request
     */
    public Caller caller() {
        Map<String, String> claims = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
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

    public String requestId() {
        return event.getRequestContext() == null ? "-" : event.getRequestContext().getRequestId();
    }

    /** A JSON object body as a map; anything else is INVALID_JSON. */
    public Map<String, Object> jsonObject() {
        String body = body();
        if (body.isBlank()) {
            return Map.of();
        }
        try {
            Object parsed = com.fasterxml.jackson.jr.ob.JSON.std.anyFrom(body);
            if (parsed instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                return object;
            }
        } catch (java.io.IOException e) {
            // Fall through to the refusal below.
        }
        throw new DomainException(ErrorCode.INVALID_JSON, "The request body must be a JSON object.");
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

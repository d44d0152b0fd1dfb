package com.certshop.revocation.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway's payload format 2.0 as JSON, read into the event classes and written from the
 * response class. The Lambda runtime would do this itself for a handler of those classes, but its
 * serializer (a Jackson databind of its own, with a module per event type) is about a fifth of the
 * classes a cold start loads; this reads the same fields with the JSON library the function has
 * loaded anyway (README: Benchmark).
 */
final class PayloadV2 {
    private PayloadV2() {
    }

    static APIGatewayV2HTTPEvent readEvent(InputStream json) throws IOException {
        Map<String, Object> e = JSON.std.mapFrom(json);
        Map<String, Object> context = object(e.get("requestContext"));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion(text(e.get("version")))
                .withRouteKey(text(e.get("routeKey")))
                .withRawPath(text(e.get("rawPath")))
                .withRawQueryString(text(e.get("rawQueryString")))
                .withCookies(texts(e.get("cookies")))
                .withHeaders(textMap(e.get("headers")))
                .withQueryStringParameters(textMap(e.get("queryStringParameters")))
                .withPathParameters(textMap(e.get("pathParameters")))
                .withStageVariables(textMap(e.get("stageVariables")))
                .withBody(text(e.get("body")))
                .withIsBase64Encoded(Boolean.TRUE.equals(e.get("isBase64Encoded")))
                .withRequestContext(context == null ? null : requestContext(context))
                .build();
    }

    /** The fields API Gateway reads from a 2.0 answer; absent ones are left out, as the runtime leaves out nulls. */
    static void writeResponse(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statusCode", response.getStatusCode());
        putIfPresent(json, "headers", response.getHeaders());
        putIfPresent(json, "multiValueHeaders", response.getMultiValueHeaders());
        putIfPresent(json, "cookies", response.getCookies());
        putIfPresent(json, "body", response.getBody());
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        JSON.std.write(json, out);
    }

    private static RequestContext requestContext(Map<String, Object> c) {
        Map<String, Object> http = object(c.get("http"));
        Map<String, Object> authorizer = object(c.get("authorizer"));
        Map<String, Object> jwt = authorizer == null ? null : object(authorizer.get("jwt"));
        return RequestContext.builder()
                .withAccountId(text(c.get("accountId")))
                .withApiId(text(c.get("apiId")))
                .withDomainName(text(c.get("domainName")))
                .withDomainPrefix(text(c.get("domainPrefix")))
                .withRequestId(text(c.get("requestId")))
                .withRouteKey(text(c.get("routeKey")))
                .withStage(text(c.get("stage")))
                .withTime(text(c.get("time")))
                .withTimeEpoch(c.get("timeEpoch") instanceof Number n ? n.longValue() : 0)
                .withHttp(http == null ? null : RequestContext.Http.builder()
                        .withMethod(text(http.get("method")))
                        .withPath(text(http.get("path")))
                        .withProtocol(text(http.get("protocol")))
                        .withSourceIp(text(http.get("sourceIp")))
                        .withUserAgent(text(http.get("userAgent")))
                        .build())
                .withAuthorizer(authorizer == null ? null : RequestContext.Authorizer.builder()
                        .withJwt(jwt == null ? null : RequestContext.Authorizer.JWT.builder()
                                .withClaims(textMap(jwt.get("claims")))
                                .withScopes(texts(jwt.get("scopes")))
                                .build())
                        .build())
                .build();
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** A JSON string as itself; a number or boolean as its text, as the runtime's serializer coerces one into a String field. */
    private static String text(Object value) {
        return value == null || value instanceof Map || value instanceof List ? null : value.toString();
    }

    private static List<String> texts(Object value) {
        return value instanceof List<?> list ? list.stream().map(PayloadV2::text).toList() : null;
    }

    private static Map<String, String> textMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        map.forEach((k, v) -> texts.put(k.toString(), text(v)));
        return texts;
    }
}

package com.certshop.revocation.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler reads and writes payload 2.0 itself: it must see and say exactly what the Lambda runtime's serializer would. */
class PayloadV2Test {
    private static final String EVENT = """
            {
              "version": "2.0",
              "routeKey": "POST /certificates/{id}/revocation",
              "rawPath": "/certificates/c-1/revocation",
              "rawQueryString": "dryRun=true&x=1",
              "cookies": ["a=1", "b=2"],
              "headers": {"content-type": "application/json", "idempotency-key": "k-1", "user-agent": "curl/8.5.0"},
              "queryStringParameters": {"dryRun": "true", "x": "1"},
              "pathParameters": {"id": "c-1"},
              "stageVariables": {"stage": "prod"},
              "requestContext": {
                "accountId": "123456789012",
                "apiId": "a1b2c3d4e5",
                "authorizer": {"jwt": {"claims": {"sub": "account-a", "email": "a@example.com", "iat": "1794996000"},
                                       "scopes": ["revoke"]}},
                "domainName": "api.certshop.example",
                "domainPrefix": "api",
                "http": {"method": "POST", "path": "/certificates/c-1/revocation", "protocol": "HTTP/1.1",
                         "sourceIp": "203.0.113.7", "userAgent": "curl/8.5.0"},
                "requestId": "JKJaXmPLvHcESHA=",
                "routeKey": "POST /certificates/{id}/revocation",
                "stage": "$default",
                "time": "10/Nov/2026:10:00:00 +0000",
                "timeEpoch": 1794996000000
              },
              "body": "eyJyZWFzb24iOiAic3VwZXJzZWRlZCJ9",
              "isBase64Encoded": true
            }
            """;

    @Test
    void readsAnEventAsTheRuntimeDoes() throws IOException {
        APIGatewayV2HTTPEvent byRuntime = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                getClass().getClassLoader()).fromJson(EVENT);
        assertEquals(byRuntime, PayloadV2.readEvent(bytes(EVENT)));
    }

    @Test
    void readsAnEventWithoutTokenOrBodyAsTheRuntimeDoes() throws IOException {
        String anonymous = """
                {"version": "2.0", "routeKey": "GET /revocations/confirm", "rawPath": "/revocations/confirm",
                 "rawQueryString": "token=t", "queryStringParameters": {"token": "t"}, "pathParameters": null,
                 "requestContext": {"requestId": "r-1", "http": {"method": "GET"}}, "isBase64Encoded": false}
                """;
        APIGatewayV2HTTPEvent byRuntime = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                getClass().getClassLoader()).fromJson(anonymous);
        assertEquals(byRuntime, PayloadV2.readEvent(bytes(anonymous)));
    }

    @Test
    void writesAnAnswerAsTheRuntimeDoes() throws IOException {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder().withStatusCode(202)
                .withHeaders(Map.of("Content-Type", "application/json", "Idempotent-Replayed", "true"))
                .withCookies(List.of("c=1")).withBody("{\"status\": \"REVOCATION_REQUESTED\"}").build();
        ByteArrayOutputStream byRuntime = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, getClass().getClassLoader())
                .toJson(response, byRuntime);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        PayloadV2.writeResponse(response, ours);
        assertEquals(withoutNulls(JSON.std.mapFrom(byRuntime.toByteArray())), JSON.std.mapFrom(ours.toByteArray()));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> json) {
        json.values().removeIf(v -> v == null);
        return json;
    }

    private static ByteArrayInputStream bytes(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}

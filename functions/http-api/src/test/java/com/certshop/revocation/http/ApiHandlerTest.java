package com.certshop.revocation.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.http.testing.Events;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class ApiHandlerTest {

    private static APIGatewayV2HTTPResponse answer(RuntimeException thrown) {
        return answer(thrown, "GET /certificates");
    }

    private static APIGatewayV2HTTPResponse answer(RuntimeException thrown, String routeKey) {
        ApiHandler handler = new ApiHandler() {
            @Override
            protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
                throw thrown;
            }
        };
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-42").build());
        return handler.handleRequest(event, null);
    }

    @Test
    void anUnexpectedFailureIsA500NamingTheRequestButNotItsDetails() {
        APIGatewayV2HTTPResponse response = answer(new IllegalStateException("table certificates-prod is throttled"));
        assertEquals(500, response.getStatusCode());
        assertEquals("INTERNAL_ERROR", Events.errorCode(response));
        assertTrue(response.getBody().contains("req-42"));
        assertFalse(response.getBody().contains("throttled"), "internals stay in the log");
        assertFalse(response.getBody().contains("Idempotency-Key"), "a GET takes no key");
    }

    @Test
    void anAwsDependencyThatIsDownOrThrottlingIsA503WithRetryAfter() {
        List<RuntimeException> outages = List.of(
                SdkClientException.create("Unable to execute HTTP request: connect timed out"),
                ApiCallTimeoutException.create(8000),
                AwsServiceException.builder().message("Rate exceeded").statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build(),
                AwsServiceException.builder().message("Internal server error").statusCode(500).build(),
                AwsServiceException.builder().message("Service unavailable").statusCode(503).build(),
                new java.io.UncheckedIOException(new java.io.IOException("wrapped", SdkClientException.create("reset"))));
        for (RuntimeException outage : outages) {
            APIGatewayV2HTTPResponse response = answer(outage);
            assertEquals(503, response.getStatusCode(), outage.toString());
            assertEquals("SERVICE_UNAVAILABLE", Events.errorCode(response));
            assertEquals(String.valueOf(ApiHandler.RETRY_AFTER_SECONDS), response.getHeaders().get("Retry-After"));
            assertTrue(response.getBody().contains("req-42"));
            assertFalse(response.getBody().contains("Idempotency-Key"));
        }
    }

    @Test
    void anAwsRefusalThatRetryingCannotCureStaysA500() {
        APIGatewayV2HTTPResponse response = answer(AwsServiceException.builder().message("not authorized")
                .statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build())
                .build());
        assertEquals(500, response.getStatusCode());
        assertEquals("INTERNAL_ERROR", Events.errorCode(response));
        assertFalse(response.getHeaders().containsKey("Retry-After"));
    }

    @Test
    void eachKindOfRefusalHasItsStatus() {
        assertEquals(400, answer(new DomainException(ErrorCode.INVALID_LIMIT, "x")).getStatusCode());
        assertEquals(404, answer(new DomainException(ErrorCode.CERTIFICATE_NOT_FOUND, "x")).getStatusCode());
        assertEquals(409, answer(new DomainException(ErrorCode.REVOKE_FIRST, "x")).getStatusCode());
        assertEquals(410, answer(new DomainException(ErrorCode.CONFIRMATION_EXPIRED, "x")).getStatusCode());
        assertEquals(415, answer(new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "x")).getStatusCode());
        assertEquals(413, answer(new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "x")).getStatusCode());
    }

    @Test
    void anErrorBodyHasCodeMessageAndTheAllowedValuesWhenThereAreAny() {
        APIGatewayV2HTTPResponse response = answer(new DomainException(ErrorCode.INVALID_TYPE_FILTER, "Unknown type.",
                List.of("DV", "OV", "EV")));
        assertEquals(Map.of("error", Map.of("code", "INVALID_TYPE_FILTER", "message", "Unknown type.",
                "allowed", List.of("DV", "OV", "EV"))), Events.body(response));
        assertEquals(Map.of("error", Map.of("code", "REVOKE_FIRST", "message", "Revoke it first.")),
                Events.body(answer(new DomainException(ErrorCode.REVOKE_FIRST, "Revoke it first."))));
    }
    /** The line one request writes, from what the handler printed while it ran under a Lambda context. */
    private static Map<String, Object> requestLine(ApiHandler handler, APIGatewayV2HTTPEvent event) throws Exception {
        Context context = (Context) Proxy.newProxyInstance(ApiHandlerTest.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getAwsRequestId") ? "lambda-req-1" : null);
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            handler.handleRequest(event, context);
        } finally {
            System.setOut(console);
        }
        String[] lines = printed.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length, "one line per request");
        return JSON.std.mapFrom(lines[0]);
    }

    @Test
    void aRouteAnsweredWithoutAnExceptionIsLoggedAndCountedUnderTheCodeItsAnswerCarries() throws Exception {
        ApiHandler handler = new ApiHandler() {
            @Override
            protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
                return noSuchRoute(request);
            }
        };
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("PATCH /certificates/{id}");
        event.setPathParameters(Map.of("id", "c-7"));
        event.setHeaders(Map.of("authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln"));
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-43")
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(Map.of("sub", "account-a")).build()).build()).build());

        Map<String, Object> line = requestLine(handler, event);

        assertEquals("lambda-req-1", line.get("requestId"));
        assertEquals("PATCH /certificates/{id}", line.get("route"));
        assertEquals("c-7", line.get("certificateId"));
        assertEquals(404, line.get("status"));
        assertEquals("REFUSED", line.get("outcome"));
        assertEquals("ROUTE_NOT_FOUND", line.get("errorCode"));
        assertEquals(1, line.get("ClientErrors"));
        assertTrue(line.containsKey("_aws"));
        assertTrue(((String) line.get("accountHash")).matches("[0-9a-f]{16}"));
        assertFalse(line.toString().contains("account-a"));
        assertFalse(line.toString().contains("eyJ"), "no header reaches the line");
    }
}

package com.certshop.revocation.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.http.testing.Events;
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
}

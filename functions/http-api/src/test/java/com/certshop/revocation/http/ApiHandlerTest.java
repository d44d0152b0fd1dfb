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

class ApiHandlerTest {

    private static APIGatewayV2HTTPResponse answer(RuntimeException thrown) {
        ApiHandler handler = new ApiHandler() {
            @Override
            protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
                throw thrown;
            }
        };
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /certificates");
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

package com.certshop.revocation.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.ScriptedCertificateAuthority;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.http.WebhookSignature;
import com.certshop.revocation.http.testing.Events;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaCallbackHandlerTest {
    private static final String SECRET = Base64.getEncoder().encodeToString("a callback secret of 32 bytes!!!".getBytes());
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final CaCallbackHandler handler = new CaCallbackHandler(h.caCallbacks, new WebhookSignature(() -> SECRET, h.clock));

    /** A delivery as a Standard Webhooks sender makes one, signed now under {@code secret}. */
    private APIGatewayV2HTTPEvent delivery(String contentType, String body, String secret) {
        String timestamp = Long.toString(h.clock.instant().getEpochSecond());
        String signature = WebhookSignature.sign(WebhookSignature.keyOf(secret), "msg_1", timestamp, body);
        return APIGatewayV2HTTPEvent.builder().withRouteKey(CaCallbackHandler.ROUTE).withRawPath("/ca/callbacks")
                .withHeaders(Map.of("content-type", contentType, "webhook-id", "msg_1", "webhook-timestamp", timestamp,
                        "webhook-signature", "v1," + signature))
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1").build())
                .build();
    }

    private APIGatewayV2HTTPResponse send(String body) {
        return handler.handleRequest(delivery("application/json", body, SECRET), null);
    }

    private Certificate handedOver() {
        return h.handedOver("dv1", Instant.parse("2026-11-02T10:00:00Z"));
    }

    @Test
    void aSignedCallbackHasTheRevocationCheckedAndCompletedAtOnce() {
        Certificate dv = handedOver();
        h.ca.answers(ScriptedCertificateAuthority.revoked(h.clock.instant()));

        APIGatewayV2HTTPResponse answer = send("{\"type\": \"certificate.revoked\", \"serialNumber\": \""
                + dv.x509().serialNumber().toLowerCase() + "\"}");

        assertEquals(200, answer.getStatusCode(), answer.getBody());
        assertEquals(Map.of("serialNumber", dv.x509().serialNumber(), "checked", 1, "revoked", 1, "failed", 0, "pending", 0),
                Events.body(answer));
        assertEquals(CertificateStatus.REVOKED, h.reload(dv).status());
    }

    @Test
    void aCallbackSignedUnderAnotherSecretIsRefusedBeforeAnythingIsRead() {
        Certificate dv = handedOver();
        String body = "{\"serialNumber\": \"" + dv.x509().serialNumber() + "\"}";
        String otherSecret = Base64.getEncoder().encodeToString("not the secret the stack keeps!!".getBytes());

        APIGatewayV2HTTPResponse answer = handler.handleRequest(delivery("application/json", body, otherSecret), null);

        assertEquals(401, answer.getStatusCode());
        assertEquals("INVALID_SIGNATURE", Events.errorCode(answer));
        assertEquals(0, h.ca.statusCalls());
        assertEquals(CertificateStatus.REVOKING, h.reload(dv).status());
    }

    @Test
    void aSerialNumberThatIsNoneIsRefusedWithItsCode() {
        for (String body : new String[] {"{}", "{\"serialNumber\": 1234}", "{\"serialNumber\": \"0x12\"}",
                "{\"serialNumber\": null}"}) {
            APIGatewayV2HTTPResponse answer = send(body);
            assertEquals(400, answer.getStatusCode(), body);
            assertEquals("INVALID_SERIAL_NUMBER", Events.errorCode(answer), body);
        }
        assertEquals("INVALID_JSON", Events.errorCode(send("{\"serialNumber\": \"0A\"")));
        assertEquals("UNSUPPORTED_MEDIA_TYPE", Events.errorCode(handler.handleRequest(delivery("text/plain",
                "serialNumber=0A", SECRET), null)));
    }

    @Test
    void aStatusThatCannotBeReadNowAsksTheSenderToComeBack() {
        Certificate dv = handedOver();
        h.ca.answers((CaStatus) null);

        APIGatewayV2HTTPResponse answer = send("{\"serialNumber\": \"" + dv.x509().serialNumber() + "\"}");

        assertEquals(503, answer.getStatusCode());
        assertEquals("CA_UNAVAILABLE", Events.errorCode(answer));
        assertEquals("30", answer.getHeaders().get("Retry-After"));
        assertEquals(CertificateStatus.REVOKING, h.reload(dv).status());
    }

    @Test
    void anUnknownSerialNumberIsAnsweredWithNothingChecked() {
        APIGatewayV2HTTPResponse answer = send("{\"serialNumber\": \"01:02:03\"}");
        assertEquals(200, answer.getStatusCode());
        assertEquals(Map.of("serialNumber", "010203", "checked", 0, "revoked", 0, "failed", 0, "pending", 0),
                Events.body(answer));
    }
}

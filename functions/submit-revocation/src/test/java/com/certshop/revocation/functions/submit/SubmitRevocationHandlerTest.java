package com.certshop.revocation.functions.submit;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.http.testing.Events.body;
import static com.certshop.revocation.http.testing.Events.errorCode;
import static com.certshop.revocation.http.testing.Events.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.usecase.RevocationSteps;
import com.certshop.revocation.http.testing.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;

class SubmitRevocationHandlerTest {
    private static final Instant ISSUED = Instant.parse("2026-11-02T10:00:00Z");
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final SubmitRevocationHandler handler = new SubmitRevocationHandler(h.submit, h.cancel, h.bulk);

    SubmitRevocationHandlerTest() {
        h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));
        h.add(TestCertificates.issued("ov1", ValidationType.OV, ISSUED));
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private static APIGatewayV2HTTPEvent submitWith(String body) {
        APIGatewayV2HTTPEvent event = load("submit-revocation.json");
        event.setBody(body);
        return event;
    }

    /** The fixture without its Idempotency-Key: every call is a new application. */
    private static APIGatewayV2HTTPEvent submitWithoutKey(String id) {
        APIGatewayV2HTTPEvent event = Events.withId(load("submit-revocation.json"), id);
        Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
        headers.remove("idempotency-key");
        event.setHeaders(headers);
        return event;
    }

    private CertificateStatus status(String id) {
        return h.store.find(ACCOUNT_A, new com.certshop.revocation.domain.model.CertificateId(id)).orElseThrow().status();
    }

    @Test
    void whileTheDatabaseIsDownOnlyTheApplicationIsToldAboutItsIdempotencyKey() {
        h.store.beforeNextApply(() -> {
            throw SdkClientException.create("Unable to execute HTTP request: connect timed out");
        });
        APIGatewayV2HTTPResponse submit = call(load("submit-revocation.json"));
        assertEquals(503, submit.getStatusCode());
        assertEquals("SERVICE_UNAVAILABLE", errorCode(submit));
        assertTrue(submit.getHeaders().containsKey("Retry-After"));
        assertTrue(submit.getBody().contains("Idempotency-Key"));

        assertEquals(202, call(submitWithoutKey("ov1")).getStatusCode());
        h.store.beforeNextApply(() -> {
            throw SdkClientException.create("Unable to execute HTTP request: connect timed out");
        });
        APIGatewayV2HTTPResponse cancel = call(load("cancel-revocation.json"));
        assertEquals(503, cancel.getStatusCode());
        assertFalse(cancel.getBody().contains("Idempotency-Key"), "a cancel takes no key");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAcceptedRevocationAnswers202WithItsStatusAndRefundOutlook() {
        APIGatewayV2HTTPResponse response = call(load("submit-revocation.json"));

        assertEquals(202, response.getStatusCode());
        Map<String, Object> json = body(response);
        assertEquals("REVOKING", json.get("status"));
        assertEquals("ELIGIBLE", json.get("refundOutlook"));
        assertNull(json.get("warning"));
        Map<String, Object> certificate = (Map<String, Object>) json.get("certificate");
        assertEquals("keyCompromise", ((Map<String, Object>) certificate.get("revocation")).get("reason"));
        assertEquals(1, h.workflow.runs().size());
        assertEquals("alice@corp.example", h.store.events(ACCOUNT_A, h.workflow.runs().get(0).certificateId())
                .get(1).actor().id(), "the audit trail names the caller from the token");
    }

    @Test
    void theSameIdempotencyKeyTwiceRevokesOnceAndSaysItReplayed() {
        APIGatewayV2HTTPResponse first = call(load("submit-revocation.json"));
        APIGatewayV2HTTPResponse second = call(load("submit-revocation.json"));
        assertEquals(202, second.getStatusCode());
        assertEquals("true", second.getHeaders().get("Idempotent-Replayed"));
        assertNull(first.getHeaders().get("Idempotent-Replayed"));
        assertEquals(body(first), body(second));
        assertEquals(1, h.workflow.runs().size());
        assertEquals(2, h.store.events(ACCOUNT_A, new com.certshop.revocation.domain.model.CertificateId("dv1")).size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void withFewerThanFiveBusinessDaysLeftTheAnswerWarnsThatTheRefundIsAtRisk() {
        h.clock.set(Instant.parse("2026-11-27T09:00:00Z"));
        Map<String, Object> json = body(call(load("submit-revocation.json")));
        assertEquals("AT_RISK", json.get("refundOutlook"));
        assertEquals("REFUND_AT_RISK", ((Map<String, Object>) json.get("warning")).get("code"));
        assertEquals("REVOKING", json.get("status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"reason\":\"2\"}", "{\"reason\":\"certificateHold\"}", "{\"reason\":\"8\"}",
        "{\"reason\":\"whatever\"}", "{\"reason\":10}"})
    @SuppressWarnings("unchecked")
    void reasonsOutsideTheFiveAllowedAreRefusedWithTheList(String body) {
        APIGatewayV2HTTPResponse response = call(submitWith(body));
        assertEquals(400, response.getStatusCode());
        assertEquals("INVALID_REASON", errorCode(response));
        List<String> allowed = (List<String>) ((Map<String, Object>) body(response).get("error")).get("allowed");
        assertEquals(List.of("unspecified (0)", "keyCompromise (1)", "affiliationChanged (3)", "superseded (4)",
                "cessationOfOperation (5)"), allowed);
        assertEquals(CertificateStatus.ISSUED, status("dv1"));
    }

    @Test
    void aReasonGivenAsItsNumberIsAccepted() {
        assertEquals(202, call(submitWith("{\"reason\":5}")).getStatusCode());
    }

    @Test
    void missingAndMalformedBodiesAreRefused() {
        assertEquals("REASON_REQUIRED", errorCode(call(submitWith(null))));
        assertEquals("REASON_REQUIRED", errorCode(call(submitWith("{}"))));
        assertEquals("INVALID_JSON", errorCode(call(submitWith("{\"reason\":"))));
        assertEquals("INVALID_JSON", errorCode(call(submitWith("[\"keyCompromise\"]"))));
        assertEquals(CertificateStatus.ISSUED, status("dv1"));
    }

    @Test
    void aBase64EncodedBodyIsRead() {
        APIGatewayV2HTTPEvent event = submitWith(Base64.getEncoder().encodeToString(
                "{\"reason\":\"superseded\"}".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);
        assertEquals(202, call(event).getStatusCode());
    }

    private static APIGatewayV2HTTPEvent submitAs(String contentType, String body) {
        APIGatewayV2HTTPEvent event = submitWith(body);
        Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
        headers.remove("content-type");
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        event.setHeaders(headers);
        return event;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"reason\":\"superseded\"} x", "{\"reason\":\"superseded\"} {\"reason\":\"keyCompromise\"}",
        "{\"reason\":\"superseded\"}{}", "{\"reason\":\"superseded\"}]", "{\"reason\":\"superseded\",\"reason\":\"keyCompromise\"}",
        "{\"reason\":\"superseded\"} // keyCompromise"})
    void onlyOneJsonObjectAndNothingAfterItIsRead(String body) {
        APIGatewayV2HTTPResponse response = call(submitWith(body));
        assertEquals(400, response.getStatusCode());
        assertEquals("INVALID_JSON", errorCode(response));
        assertEquals(CertificateStatus.ISSUED, status("dv1"));
    }

    @Test
    void trailingWhitespaceIsNotTrailingData() {
        assertEquals(202, call(submitWith(" {\"reason\":\"superseded\"}\r\n ")).getStatusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"reason\":4.0}", "{\"reason\":true}", "{\"reason\":[\"superseded\"]}", "{\"reason\":{\"code\":4}}",
        "{\"reason\":\"keyCompromise\\u0000\"}", "{\"reason\":\"\\tsuperseded\\n\\u001f\"}", "{\"reason\":\"superseded\\u00a0\"}"})
    void aReasonIsAStringOrAnIntegerCodeWithoutControlCharacters(String body) {
        APIGatewayV2HTTPResponse response = call(submitWith(body));
        assertEquals(400, response.getStatusCode());
        assertEquals("INVALID_REASON", errorCode(response));
        assertEquals(CertificateStatus.ISSUED, status("dv1"));
    }

    @Test
    void surroundingSpacesInAReasonAreForgiven() {
        assertEquals(202, call(submitWith("{\"reason\":\"  superseded \"}")).getStatusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/octet-stream", "text/plain; charset=utf-8",
        "application/json; charset=iso-8859-1", "application/jsonp", "application/json, text/plain", "multipart/form-data"})
    void aJsonBodyNotDeclaredAsJsonIs415(String contentType) {
        APIGatewayV2HTTPResponse response = call(submitAs(contentType, "{\"reason\":\"superseded\"}"));
        assertEquals(415, response.getStatusCode());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", errorCode(response));
        assertEquals(CertificateStatus.ISSUED, status("dv1"));
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        APIGatewayV2HTTPResponse response = call(submitAs(null, "{\"reason\":\"superseded\"}"));
        assertEquals(415, response.getStatusCode());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", errorCode(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
        "APPLICATION/JSON;CHARSET=\"UTF-8\"", " application/json ; charset=UTF8"})
    void jsonInAnyLetterCaseAndWithParametersIsRead(String contentType) {
        assertEquals(202, call(submitAs(contentType, "{\"reason\":\"superseded\"}")).getStatusCode());
    }

    @Test
    void aBodyOver64KiBIs413BeforeItIsRead() {
        String padded = "{\"reason\":\"superseded\"" + " ".repeat(64 * 1024) + "}";
        APIGatewayV2HTTPResponse response = call(submitWith(padded));
        assertEquals(413, response.getStatusCode());
        assertEquals("PAYLOAD_TOO_LARGE", errorCode(response));
        APIGatewayV2HTTPEvent base64 = submitWith(Base64.getEncoder().encodeToString(padded.getBytes(StandardCharsets.UTF_8)));
        base64.setIsBase64Encoded(true);
        assertEquals(413, call(base64).getStatusCode());
        // Multi-byte characters count as their UTF-8 bytes.
        assertEquals(413, call(submitWith("{\"reason\":\"" + "\u00e9".repeat(40_000) + "\"}")).getStatusCode());
        assertEquals(CertificateStatus.ISSUED, status("dv1"));
        String justUnder = "{\"reason\":\"superseded\"}" + " ".repeat(64 * 1024 - 25);
        assertEquals(202, call(submitWith(justUnder)).getStatusCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLongReasonIsEchoedBounded() {
        APIGatewayV2HTTPResponse response = call(submitWith("{\"reason\":\"" + "x".repeat(60_000) + "\"}"));
        assertEquals("INVALID_REASON", errorCode(response));
        String message = (String) ((Map<String, Object>) body(response).get("error")).get("message");
        assertTrue(message.length() < 400, message.length() + " characters");
        assertTrue(message.contains("x".repeat(64) + "\u2026"), message);
        assertTrue(response.getBody().length() < 1000);
    }

    @Test
    void aBase64BodyThatDoesNotDecodeIs400() {
        APIGatewayV2HTTPEvent notBase64 = submitWith("{\"reason\":\"superseded\"}");
        notBase64.setIsBase64Encoded(true);
        APIGatewayV2HTTPResponse response = call(notBase64);
        assertEquals(400, response.getStatusCode());
        assertEquals("MALFORMED_BODY", errorCode(response));
        APIGatewayV2HTTPEvent notUtf8 = submitWith(Base64.getEncoder().encodeToString(new byte[] {'{', '"', 'r', '"', ':', (byte) 0xff, '}'}));
        notUtf8.setIsBase64Encoded(true);
        assertEquals("MALFORMED_BODY", errorCode(call(notUtf8)));
    }

    @Test
    void refusalsFollowTheRules() {
        h.add(TestCertificates.uploaded("up1", ISSUED));
        assertEquals("UPLOADED_NOT_REVOCABLE", errorCode(call(Events.withId(load("submit-revocation.json"), "up1"))));
        call(submitWithoutKey("ov1"));
        APIGatewayV2HTTPResponse twice = call(submitWithoutKey("ov1"));
        assertEquals(409, twice.getStatusCode());
        assertEquals("REVOCATION_IN_PROGRESS", errorCode(twice));
        APIGatewayV2HTTPEvent differentReasonSameKey = load("submit-revocation.json");
        call(differentReasonSameKey);
        assertEquals("IDEMPOTENCY_KEY_REUSED", errorCode(call(submitWith("{\"reason\":\"superseded\"}"))));
    }

    @Test
    void anExpiredCertificateIsRefused() {
        h.clock.set(ISSUED.plus(TestCertificates.VALIDITY));
        APIGatewayV2HTTPResponse response = call(load("submit-revocation.json"));
        assertEquals(409, response.getStatusCode());
        assertEquals("CERTIFICATE_EXPIRED", errorCode(response));
    }

    @Test
    void anotherAccountsCertificateIsNotFound() {
        APIGatewayV2HTTPResponse response = call(Events.asSubject(load("submit-revocation.json"), "account-b"));
        assertEquals(404, response.getStatusCode());
        assertEquals(CertificateStatus.ISSUED, status("dv1"));
        assertEquals(404, call(Events.asSubject(load("cancel-revocation.json"), "account-b")).getStatusCode());
    }

    @Test
    void cancellingAnApplicationAwaitingConfirmationReturnsTheCertificateToIssued() {
        call(Events.withId(submitWith("{\"reason\":\"superseded\"}"), "ov1"));
        h.steps.requestConfirmation(new RevocationSteps.Step(ACCOUNT_A, new com.certshop.revocation.domain.model.CertificateId("ov1"), 1), "tt-1");

        APIGatewayV2HTTPResponse response = call(load("cancel-revocation.json"));

        assertEquals(200, response.getStatusCode());
        assertEquals("ISSUED", body(response).get("status"));
        assertEquals(false, body(response).get("downloadLocked"));
        assertEquals(List.of("tt-1:CANCELLED_BY_CUSTOMER"), h.workflow.confirmationsRefused());
        assertEquals(EventType.REVOCATION_LAPSED, h.store.events(ACCOUNT_A,
                new com.certshop.revocation.domain.model.CertificateId("ov1")).get(3).type());
    }

    @Test
    void cancellingIsRefusedWhenThereIsNothingToCancelOrItIsWithTheCa() {
        APIGatewayV2HTTPResponse nothing = call(load("cancel-revocation.json"));
        assertEquals(409, nothing.getStatusCode());
        assertEquals("NO_REVOCATION_TO_CANCEL", errorCode(nothing));

        call(load("submit-revocation.json"));
        assertEquals("ALREADY_WITH_CA", errorCode(call(Events.withId(load("cancel-revocation.json"), "dv1"))));
    }

    @Test
    void aWorkflowThatFailsToStartStillAnswersTheStoredRevocationWhichCanBeCancelled() {
        h.workflow.failNextStarts(1);
        APIGatewayV2HTTPResponse submitted = call(load("submit-revocation.json"));
        assertEquals(202, submitted.getStatusCode());
        assertEquals("REVOKING", body(submitted).get("status"));
        assertTrue(h.workflow.runs().isEmpty());

        APIGatewayV2HTTPResponse cancelled = call(Events.withId(load("cancel-revocation.json"), "dv1"));
        assertEquals(200, cancelled.getStatusCode());
        assertEquals("ISSUED", body(cancelled).get("status"));
        assertEquals(CertificateStatus.ISSUED, status("dv1"));
    }

    @Test
    void withoutAVerifiedTokenNothingHappens() {
        assertEquals(401, call(Events.unauthenticated(load("submit-revocation.json"))).getStatusCode());
        assertEquals(401, call(Events.unauthenticated(load("cancel-revocation.json"))).getStatusCode());
        assertEquals(CertificateStatus.ISSUED, status("dv1"));
        assertTrue(h.workflow.runs().isEmpty());
    }

    @Test
    void actorsComeFromTheTokenClaims() {
        call(load("submit-revocation.json"));
        assertEquals(Actor.Kind.CUSTOMER, h.store.events(ACCOUNT_A,
                new com.certshop.revocation.domain.model.CertificateId("dv1")).get(1).actor().kind());
    }
}

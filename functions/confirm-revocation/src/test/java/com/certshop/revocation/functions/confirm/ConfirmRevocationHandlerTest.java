package com.certshop.revocation.functions.confirm;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.http.testing.Events.body;
import static com.certshop.revocation.http.testing.Events.errorCode;
import static com.certshop.revocation.http.testing.Events.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.domain.confirmation.PendingConfirmation;
import com.certshop.revocation.domain.confirmation.TokenDigest;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.ConfirmationStore;
import com.certshop.revocation.domain.usecase.ConfirmRevocation;
import com.certshop.revocation.domain.usecase.RevocationSteps;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class ConfirmRevocationHandlerTest {
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final ConfirmRevocationHandler handler = new ConfirmRevocationHandler(h.confirm, ZoneId.of("UTC"));
    private final Certificate ov;
    private final String token;

    ConfirmRevocationHandlerTest() {
        ov = h.add(TestCertificates.issued("ov1", ValidationType.OV, Instant.parse("2026-11-02T10:00:00Z")));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, ov.id(), "keyCompromise",
                Actor.customer(ACCOUNT_A, "alice@corp.example"), null));
        h.steps.requestConfirmation(new RevocationSteps.Step(ACCOUNT_A, ov.id(), 1), "task-token-1");
        token = h.mailer.lastConfirmationToken();
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private APIGatewayV2HTTPEvent fixture(String name) {
        APIGatewayV2HTTPEvent event = load(name);
        if (event.getQueryStringParameters() != null) {
            event.setQueryStringParameters(Map.of("token", token));
        }
        if (event.getBody() != null) {
            event.setBody(event.getBody().replace("TOKEN_FROM_MAIL", token));
        }
        return event;
    }

    private APIGatewayV2HTTPEvent page(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = load("confirm-page.json");
        event.setQueryStringParameters(query);
        return event;
    }

    private CertificateStatus status() {
        return h.reload(ov).status();
    }

    @Test
    void theLinkOpensAPageThatShowsTheRevocationAndChangesNothing() {
        long version = h.reload(ov).version();
        APIGatewayV2HTTPResponse response = call(fixture("confirm-page.json"));

        assertEquals(200, response.getStatusCode());
        assertEquals("text/html; charset=utf-8", response.getHeaders().get("Content-Type"));
        String html = response.getBody();
        assertTrue(html.contains("Confirm the revocation of ov1.example.com"));
        assertTrue(html.contains("keyCompromise (1)"));
        assertTrue(html.contains("alice@corp.example"));
        assertTrue(html.contains("Fri 13 Nov 2026, 10:00 UTC"), "when the link expires");
        assertTrue(html.contains("name=\"token\" value=\"" + token + "\""));
        assertTrue(html.contains("value=\"confirm\"") && html.contains("value=\"reject\""));
        assertEquals(version, h.reload(ov).version());
        assertTrue(h.workflow.confirmationsGiven().isEmpty());
    }

    @Test
    void thePageCannotBeFramedAndLeaksNoReferrer() {
        Map<String, String> headers = call(fixture("confirm-page.json")).getHeaders();
        assertEquals("DENY", headers.get("X-Frame-Options"));
        assertEquals("no-referrer", headers.get("Referrer-Policy"));
        assertTrue(headers.get("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("no-store", headers.get("Cache-Control"));
    }

    @Test
    void theRejectLinkPutsRejectFirstWithFocus() {
        String html = call(page(Map.of("token", token, "answer", "reject"))).getBody();
        assertTrue(html.indexOf("value=\"reject\"") < html.indexOf("value=\"confirm\""));
        assertTrue(html.contains("autofocus"));
    }

    @Test
    void anUnknownLinkIsExplainedOnAPage() {
        APIGatewayV2HTTPResponse response = call(page(Map.of("token", "x".repeat(43))));
        assertEquals(404, response.getStatusCode());
        assertTrue(response.getBody().contains("This link cannot be used"));
        assertEquals(404, call(page(null)).getStatusCode());
    }

    @Test
    void whileTheDatabaseIsDownTheBrowserGetsA503PageAndAnApiClientJson() {
        ConfirmationStore down = new ConfirmationStore() {
            @Override
            public void save(PendingConfirmation confirmation) {
                throw SdkClientException.create("Unable to execute HTTP request: connect timed out");
            }

            @Override
            public Optional<PendingConfirmation> find(TokenDigest digest) {
                throw SdkClientException.create("Unable to execute HTTP request: connect timed out");
            }

            @Override
            public boolean markUsed(TokenDigest digest, Instant at, PendingConfirmation.Answer answer) {
                throw SdkClientException.create("Unable to execute HTTP request: connect timed out");
            }
        };
        ConfirmRevocationHandler outage = new ConfirmRevocationHandler(
                new ConfirmRevocation(down, h.store, h.workflow, h.mailer, h.clock), ZoneId.of("UTC"));

        for (String fixture : List.of("confirm-page.json", "confirm-answer-form.json")) {
            APIGatewayV2HTTPResponse page = outage.handleRequest(fixture(fixture), null);
            assertEquals(503, page.getStatusCode(), fixture);
            assertTrue(page.getHeaders().get("Content-Type").startsWith("text/html"), fixture);
            assertEquals("DENY", page.getHeaders().get("X-Frame-Options"));
            assertTrue(page.getHeaders().containsKey("Retry-After"));
            assertTrue(page.getBody().contains("try again"));
            assertFalse(page.getBody().contains("Idempotency-Key"));
        }
        APIGatewayV2HTTPResponse json = outage.handleRequest(fixture("confirm-answer-json.json"), null);
        assertEquals(503, json.getStatusCode());
        assertEquals("SERVICE_UNAVAILABLE", errorCode(json));
        assertTrue(json.getHeaders().containsKey("Retry-After"));
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, status());
    }

    @Test
    void confirmingFromThePageHandsTheRevocationToTheCaOnce() {
        APIGatewayV2HTTPResponse response = call(fixture("confirm-answer-form.json"));
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody().contains("Revocation confirmed"));
        assertEquals(CertificateStatus.REVOKING, status());
        assertEquals(List.of("task-token-1"), h.workflow.confirmationsGiven());

        // The same answer again (a second click, a retry after a lost response) confirms nothing new.
        APIGatewayV2HTTPResponse again = call(fixture("confirm-answer-form.json"));
        assertEquals(200, again.getStatusCode());
        assertTrue(again.getBody().contains("Revocation confirmed"));
        assertEquals(CertificateStatus.REVOKING, status());
        assertEquals(409, call(fixture("confirm-page.json")).getStatusCode(), "the page now says it was used");
        assertEquals(Set.of("task-token-1"), Set.copyOf(h.workflow.confirmationsGiven()));
    }

    @Test
    void rejectingAsJsonLapsesTheRevocation() {
        APIGatewayV2HTTPResponse response = call(fixture("confirm-answer-json.json"));
        assertEquals(200, response.getStatusCode());
        assertEquals(Map.of("certificateId", "ov1", "status", "ISSUED"), body(response));
        assertEquals(CertificateStatus.ISSUED, status());
    }

    @Test
    void anAnswerAfterExpiryIsRefusedAndChangesNothing() {
        h.clock.advance(Duration.ofHours(72));
        APIGatewayV2HTTPResponse json = call(fixture("confirm-answer-json.json"));
        assertEquals(410, json.getStatusCode());
        assertEquals("CONFIRMATION_EXPIRED", errorCode(json));
        APIGatewayV2HTTPResponse page = call(fixture("confirm-answer-form.json"));
        assertEquals(410, page.getStatusCode());
        assertTrue(page.getBody().contains("expired"));
        assertEquals(410, call(fixture("confirm-page.json")).getStatusCode());
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, status());
    }

    @Test
    void thePageOfASpentOrExpiredLinkIsLoggedUnderTheCodeAnAnswerWouldGet() throws Exception {
        call(fixture("confirm-answer-form.json"));
        Map<String, Object> used = requestLine(fixture("confirm-page.json"));
        assertEquals(409, used.get("status"));
        assertEquals("REFUSED", used.get("outcome"));
        assertEquals("CONFIRMATION_ALREADY_USED", used.get("errorCode"));

        h.clock.advance(Duration.ofHours(72));
        assertEquals("CONFIRMATION_ALREADY_USED", requestLine(fixture("confirm-page.json")).get("errorCode"),
                "a used link stays used after it would have expired");
    }

    @Test
    void thePageOfAnExpiredLinkIsLoggedAsConfirmationExpired() throws Exception {
        h.clock.advance(Duration.ofHours(72));
        Map<String, Object> expired = requestLine(fixture("confirm-page.json"));
        assertEquals(410, expired.get("status"));
        assertEquals("CONFIRMATION_EXPIRED", expired.get("errorCode"));
    }

    /** The one JSON line the request wrote. */
    private Map<String, Object> requestLine(APIGatewayV2HTTPEvent event) throws Exception {
        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            call(event);
        } finally {
            System.setOut(console);
        }
        List<String> lines = printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), "one line per request");
        return com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(lines.get(0));
    }

    @Test
    void anAnswerMustBeConfirmOrReject() {
        APIGatewayV2HTTPEvent event = fixture("confirm-answer-json.json");
        event.setBody("{\"token\":\"" + token + "\",\"answer\":\"maybe\"}");
        APIGatewayV2HTTPResponse response = call(event);
        assertEquals(400, response.getStatusCode());
        assertEquals("INVALID_ANSWER", errorCode(response));
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, status());
    }

    private APIGatewayV2HTTPEvent form(String body) {
        APIGatewayV2HTTPEvent event = fixture("confirm-answer-form.json");
        event.setBody(body.replace("TOKEN_FROM_MAIL", token));
        return event;
    }

    private APIGatewayV2HTTPEvent withContentType(APIGatewayV2HTTPEvent event, String contentType) {
        Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
        headers.put("content-type", contentType);
        event.setHeaders(headers);
        return event;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"token=%zz", "token=%zz&answer=confirm", "token=abc%",
        "answer=confirm&token=TOKEN_FROM_MAIL%", "token=TOKEN_FROM_MAIL&answer=confirm%4", "token=%e9&answer=confirm",
        "token=TOKEN_FROM_MAIL&answer=%c3%28", "token=TOKEN_FROM_MAIL&answer=%\uff10\uff10"})
    void aFormWithABrokenEscapeIsA400PageAndChangesNothing(String body) {
        APIGatewayV2HTTPResponse response = call(form(body));
        assertEquals(400, response.getStatusCode());
        assertEquals("text/html; charset=utf-8", response.getHeaders().get("Content-Type"));
        assertTrue(response.getBody().contains("<!DOCTYPE html>"));
        assertTrue(response.getBody().contains("form data"), response.getBody());
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, status());
    }

    @Test
    void aFormFieldGivenTwiceIsRefusedRatherThanTheLastOneWinning() {
        APIGatewayV2HTTPResponse response = call(form("token=TOKEN_FROM_MAIL&answer=reject&answer=confirm"));
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("more than once"));
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, status());
    }

    @Test
    void aFormInAnyLetterCaseWithACharsetIsStillTheBrowserForm() {
        APIGatewayV2HTTPResponse response = call(withContentType(form("token=TOKEN_FROM_MAIL&answer=confirm"),
                "Application/X-WWW-Form-URLEncoded; charset=UTF-8"));
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody().contains("Revocation confirmed"));
    }

    @Test
    void anAnswerInAnotherFormatIs415AndChangesNothing() {
        APIGatewayV2HTTPResponse response = call(withContentType(form("token=TOKEN_FROM_MAIL&answer=confirm"), "text/plain"));
        assertEquals(415, response.getStatusCode());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", errorCode(response));
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, status());
    }

    @Test
    void aJsonAnswerWithTrailingDataIsRefused() {
        APIGatewayV2HTTPEvent event = fixture("confirm-answer-json.json");
        event.setBody("{\"token\":\"" + token + "\",\"answer\":\"reject\"} {\"answer\":\"confirm\"}");
        APIGatewayV2HTTPResponse response = call(event);
        assertEquals(400, response.getStatusCode());
        assertEquals("INVALID_JSON", errorCode(response));
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, status());
    }

    @Test
    void anOversizedFormIsA413Page() {
        APIGatewayV2HTTPResponse response = call(form("token=TOKEN_FROM_MAIL&answer=confirm&pad=" + "x".repeat(70_000)));
        assertEquals(413, response.getStatusCode());
        assertEquals("text/html; charset=utf-8", response.getHeaders().get("Content-Type"));
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, status());
    }

    @Test
    void valuesOnThePageAreEscaped() {
        Certificate evil = h.add(com.certshop.revocation.domain.model.Certificate.issued(
                new com.certshop.revocation.domain.model.CertificateId("evil"), ACCOUNT_A, ValidationType.EV,
                TestCertificates.pem(Instant.parse("2026-11-02T10:00:00Z"), Instant.parse("2027-11-02T10:00:00Z"),
                        "<img src=x onerror=alert(1)>"), "a@a.example", "o", TestCertificates.PRICE));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, evil.id(), "superseded", Actor.customer(ACCOUNT_A, "x"), null));
        h.steps.requestConfirmation(new RevocationSteps.Step(ACCOUNT_A, evil.id(), 1), "tt");
        String html = call(page(Map.of("token", h.mailer.lastConfirmationToken()))).getBody();
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }
}

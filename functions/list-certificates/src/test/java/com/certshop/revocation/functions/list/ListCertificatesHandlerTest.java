package com.certshop.revocation.functions.list;

import static com.certshop.revocation.http.testing.Events.body;
import static com.certshop.revocation.http.testing.Events.errorCode;
import static com.certshop.revocation.http.testing.Events.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.aws.secrets.SnapshotSafeRandom;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import com.certshop.revocation.http.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListCertificatesHandlerTest {
    private static final Instant ISSUED = Instant.parse("2026-11-02T10:00:00Z");
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final ListCertificatesHandler handler = new ListCertificatesHandler(h.queries, new SnapshotSafeRandom());
    private final Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    @Test
    void anUnreadableCertificateAnswersItsOwnStableCodeWithoutItsInternals() {
        h.store.corrupt(TestCertificates.ACCOUNT_A, dv.id());
        APIGatewayV2HTTPResponse response = call(load("get-certificate.json"));
        assertEquals(500, response.getStatusCode());
        assertEquals("CERTIFICATE_UNREADABLE", errorCode(response));
        assertFalse(response.getBody().contains("CERT#"), "the item key stays in the log");
        assertFalse(response.getBody().contains("simulated"));
    }

    private static APIGatewayV2HTTPEvent listWith(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = load("list-certificates.json");
        event.setQueryStringParameters(query);
        return event;
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTheCallersCertificatesNewestFirstInPagesWithRefundAdvice() {
        h.add(TestCertificates.issued("ov1", ValidationType.OV, ISSUED.plusSeconds(60)));
        h.add(TestCertificates.uploaded("up1", ISSUED.minus(Duration.ofDays(1))));
        h.add(TestCertificates.issued("theirs", TestCertificates.ACCOUNT_B, ValidationType.EV, ISSUED.plusSeconds(90),
                ISSUED.plus(Duration.ofDays(90))));

        APIGatewayV2HTTPResponse first = call(load("list-certificates.json"));
        assertEquals(200, first.getStatusCode());
        assertEquals("application/json", first.getHeaders().get("Content-Type"));
        assertEquals("no-store", first.getHeaders().get("Cache-Control"));
        Map<String, Object> page = body(first);
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertEquals(List.of("ov1", "dv1"), items.stream().map(i -> i.get("id")).toList());
        Map<String, Object> window = (Map<String, Object>) items.get(1).get("refundWindow");
        assertEquals("2026-12-03T00:00:00Z", window.get("endsAt"));
        assertEquals("2026-11-25", window.get("latestSafeApplyDate"));
        assertEquals("ELIGIBLE", window.get("outlookIfAppliedNow"));
        assertEquals(false, items.get(1).get("refundWindowClosed"));
        assertFalse(first.getBody().contains("BEGIN CERTIFICATE"), "no key material in listings");

        APIGatewayV2HTTPResponse second = call(listWith(Map.of("limit", "2", "nextToken", (String) page.get("nextToken"))));
        List<Map<String, Object>> rest = (List<Map<String, Object>>) body(second).get("items");
        assertEquals(List.of("up1"), rest.stream().map(i -> i.get("id")).toList());
        assertNull(body(second).get("nextToken"));
        assertFalse(rest.get(0).containsKey("refundWindow"), "no refund for an uploaded certificate");
        assertEquals(false, rest.get(0).get("refundWindowClosed"), "nor a window that closed");
    }

    @Test
    void filtersByStatusAndType() {
        h.add(TestCertificates.issued("ov1", ValidationType.OV, ISSUED.plusSeconds(60)));
        String body = call(listWith(Map.of("type", "ov", "status", "issued"))).getBody();
        assertTrue(body.contains("\"ov1\"") && !body.contains("\"dv1\""), body);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSearchFindsCertificatesByNameWithTheFilters() {
        h.add(TestCertificates.issued("ov1", ValidationType.OV, ISSUED.plusSeconds(60)));
        List<Map<String, Object>> items = (List<Map<String, Object>>) body(call(listWith(Map.of("q", "WWW.OV1")))).get("items");
        assertEquals(List.of("ov1"), items.stream().map(i -> i.get("id")).toList());
        items = (List<Map<String, Object>>) body(call(listWith(Map.of("q", "example.com", "type", "DV")))).get("items");
        assertEquals(List.of("dv1"), items.stream().map(i -> i.get("id")).toList());
        APIGatewayV2HTTPResponse bad = call(listWith(Map.of("q", "ov1 dv1")));
        assertEquals(400, bad.getStatusCode());
        assertEquals("INVALID_SEARCH", errorCode(bad));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCertificateSaysWhichActionsItAllowsAndThePageCarriesTheRevocationTerms() {
        Map<String, Object> page = body(call(load("list-certificates.json")));
        Map<String, Object> actions = (Map<String, Object>) ((List<Map<String, Object>>) page.get("items")).get(0).get("actions");
        assertEquals(Map.of("allowed", true), actions.get("revoke"));
        assertEquals(Map.of("allowed", true), actions.get("download"));
        Map<String, Object> delete = (Map<String, Object>) actions.get("delete");
        assertEquals(false, delete.get("allowed"));
        assertEquals(Map.of("code", "REVOKE_FIRST", "message", "This certificate is still valid: revoke it first, then delete it."),
                delete.get("error"));
        assertEquals("NO_REVOCATION_TO_CANCEL", ((Map<String, Object>) ((Map<String, Object>) actions.get("cancel")).get("error")).get("code"));

        Map<String, Object> terms = (Map<String, Object>) page.get("revocationTerms");
        assertEquals(5, terms.get("caSlaBusinessDays"));
        List<Map<String, Object>> reasons = (List<Map<String, Object>>) terms.get("reasons");
        assertEquals(Map.of("name", "keyCompromise", "code", 1, "label", "Key compromise: the private key leaked or may have"),
                reasons.get(1));
        assertEquals(5, reasons.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void badFiltersAreRefusedWithTheAllowedValues() {
        APIGatewayV2HTTPResponse status = call(listWith(Map.of("status", "GONE")));
        assertEquals(400, status.getStatusCode());
        assertEquals("INVALID_STATUS_FILTER", errorCode(status));
        assertTrue(((List<String>) ((Map<String, Object>) body(status).get("error")).get("allowed")).contains("REVOKED"));
        assertEquals("INVALID_TYPE_FILTER", errorCode(call(listWith(Map.of("type", "QV")))));
        assertEquals("INVALID_LIMIT", errorCode(call(listWith(Map.of("limit", "500")))));
        assertEquals("INVALID_PAGE_TOKEN", errorCode(call(listWith(Map.of("nextToken", "made-up")))));
    }

    @Test
    void queryValuesWithControlCharactersOrOtherDigitsAreRefusedAndEchoedBounded() {
        // API Gateway hands the handler decoded values: %00 arrives as NUL, %EF%BC%95 as a fullwidth 5.
        assertEquals("INVALID_STATUS_FILTER", errorCode(call(listWith(Map.of("status", "REVOKED\u0000")))));
        assertEquals("INVALID_TYPE_FILTER", errorCode(call(listWith(Map.of("type", "\tEV\n")))));
        assertEquals("INVALID_LIMIT", errorCode(call(listWith(Map.of("limit", "+5")))));
        assertEquals("INVALID_LIMIT", errorCode(call(listWith(Map.of("limit", "\uff15")))));
        assertEquals("INVALID_PAGE_TOKEN", errorCode(call(listWith(Map.of("nextToken", "%zz\u0000")))));
        APIGatewayV2HTTPResponse huge = call(listWith(Map.of("status", "X".repeat(100_000))));
        assertEquals(400, huge.getStatusCode());
        assertTrue(huge.getBody().length() < 1000, huge.getBody().length() + " characters");
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsOneCertificateWithItsRevocationProgressButNeverInternalTokens() {
        h.submit.submit(new SubmitRevocation.Command(TestCertificates.ACCOUNT_A, dv.id(), "superseded",
                Actor.customer(TestCertificates.ACCOUNT_A, "alice"), "secret-idempotency-key"));
        APIGatewayV2HTTPResponse response = call(load("get-certificate.json"));
        assertEquals(200, response.getStatusCode());
        Map<String, Object> json = body(response);
        assertEquals("REVOKING", json.get("status"));
        assertEquals(true, json.get("downloadLocked"));
        Map<String, Object> revocation = (Map<String, Object>) json.get("revocation");
        assertEquals("superseded", revocation.get("reason"));
        assertEquals(4, revocation.get("reasonCode"));
        assertEquals("PENDING", ((Map<String, Object>) revocation.get("refund")).get("status"));
        assertFalse(response.getBody().contains("secret-idempotency-key"));
        assertFalse(response.getBody().contains("BEGIN CERTIFICATE"));
    }

    @Test
    void downloadsThePemUntilARevocationIsSubmitted() {
        APIGatewayV2HTTPResponse pem = call(load("download-certificate.json"));
        assertEquals(200, pem.getStatusCode());
        assertEquals("application/x-pem-file", pem.getHeaders().get("Content-Type"));
        assertEquals("attachment; filename=\"dv1.example.com.pem\"", pem.getHeaders().get("Content-Disposition"));
        assertEquals(dv.pemBundle(), pem.getBody());

        h.submit.submit(new SubmitRevocation.Command(TestCertificates.ACCOUNT_A, dv.id(), "keyCompromise",
                Actor.customer(TestCertificates.ACCOUNT_A, "alice"), null));
        APIGatewayV2HTTPResponse locked = call(load("download-certificate.json"));
        assertEquals(409, locked.getStatusCode());
        assertEquals("CERTIFICATE_LOCKED", errorCode(locked));
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsTheAuditTrail() {
        APIGatewayV2HTTPResponse response = call(load("certificate-events.json"));
        List<Map<String, Object>> items = (List<Map<String, Object>>) body(response).get("items");
        assertEquals("CERTIFICATE_ADDED", items.get(0).get("type"));
        assertEquals("ISSUED", items.get(0).get("toStatus"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"get-certificate.json", "download-certificate.json", "certificate-events.json"})
    void anotherAccountsCertificateAnswersExactlyLikeAMissingOne(String fixture) {
        APIGatewayV2HTTPResponse theirs = call(Events.asSubject(load(fixture), "account-b"));
        APIGatewayV2HTTPResponse missing = call(Events.withId(load(fixture), "no-such-id"));
        APIGatewayV2HTTPResponse malformed = call(Events.withId(load(fixture), "%2e%2e"));
        for (APIGatewayV2HTTPResponse r : List.of(theirs, missing, malformed)) {
            assertEquals(404, r.getStatusCode());
            assertEquals(missing.getBody(), r.getBody());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"list-certificates.json", "get-certificate.json", "download-certificate.json",
        "certificate-events.json"})
    void withoutAVerifiedTokenEveryRouteAnswers401(String fixture) {
        APIGatewayV2HTTPResponse response = call(Events.unauthenticated(load(fixture)));
        assertEquals(401, response.getStatusCode());
        assertEquals("UNAUTHENTICATED", errorCode(response));
    }

    @Test
    void aRouteThisFunctionDoesNotServeIs404() {
        APIGatewayV2HTTPEvent event = load("get-certificate.json");
        event.setRouteKey("PATCH /certificates/{id}");
        assertEquals("ROUTE_NOT_FOUND", errorCode(call(event)));
    }

    @Test
    void theEnvironmentConstructorNeedsItsConfiguration() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new ListCertificatesHandler(new com.certshop.revocation.aws.config.Environment(env)));
        assertTrue(e.getMessage().contains("TABLE_NAME"), e.getMessage());

        env.put("TABLE_NAME", "certificates");
        env.put("METRICS_NAMESPACE", "CertShop/test");
        IllegalStateException secret = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new ListCertificatesHandler(new com.certshop.revocation.aws.config.Environment(env)));
        assertTrue(secret.getMessage().contains("PAGE_TOKEN_SECRET_ARN"), secret.getMessage());
    }
}

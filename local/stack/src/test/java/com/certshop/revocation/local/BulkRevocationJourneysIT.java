package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.ValidationType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bulk revocation end to end: the HTTP API, the batch's state machine and the revocation machine
 * run by moto, the simulated CA, the mail the applicant gets. A mixed batch: DV certificates that
 * go straight to the CA, two OV certificates of one applicant confirmed from one mail, and items
 * the single-revocation rules refuse.
 */
class BulkRevocationJourneysIT {
    private static final Duration WORKFLOW = Duration.ofSeconds(90);
    private static final String APPLICANT = "pki@corp.example";
    private static Journey journey;
    private static Api alice;

    @BeforeAll
    static void start() {
        journey = Journey.start();
        alice = journey.alice;
    }

    @AfterAll
    static void stop() {
        journey.close();
    }

    private static Certificate add(String id, ValidationType type) {
        return journey.stack.data().add(TestCertificates.issued(id, type, Instant.now().minus(Duration.ofDays(3))));
    }

    /** An OV certificate whose applicant is {@link #APPLICANT}, so that a batch's mail to them lists several. */
    private static Certificate addOv(String id) {
        Instant issued = Instant.now().minus(Duration.ofDays(3));
        return journey.stack.data().add(Certificate.issued(new CertificateId(id), TestCertificates.ACCOUNT_A, ValidationType.OV,
                TestCertificates.pem(issued, issued.plus(TestCertificates.VALIDITY), id + ".corp.example"), APPLICANT,
                "order-" + id, TestCertificates.PRICE));
    }

    private static String status(Certificate c) {
        return String.valueOf(alice.get("/certificates/" + c.id()).json().get("status"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> itemsById(Map<String, Object> answer) {
        Map<String, Map<String, Object>> items = new HashMap<>();
        ((List<Map<String, Object>>) answer.get("items")).forEach(i -> items.put(String.valueOf(i.get("certificateId")), i));
        return items;
    }

    @SuppressWarnings("unchecked")
    private static String errorCode(Map<String, Object> item) {
        return String.valueOf(((Map<String, Object>) item.get("error")).get("code"));
    }

    @Test
    void aMixedBatchRevokesWhatMayBeRevokedAndMailsTheApplicantOnce() {
        Certificate dv1 = add("bulk-dv1", ValidationType.DV);
        Certificate dv2 = add("bulk-dv2", ValidationType.DV);
        Certificate ov1 = addOv("bulk-ov1");
        Certificate ov2 = addOv("bulk-ov2");
        Certificate uploaded = journey.stack.data().add(TestCertificates.uploaded("bulk-up1", Instant.now().minus(Duration.ofDays(3))));
        String body = "{\"reason\":\"keyCompromise\",\"certificateIds\":[\"bulk-dv1\",\"bulk-dv2\",\"bulk-ov1\",\"bulk-ov2\","
                + "\"bulk-up1\",\"no-such-certificate\"]}";

        // The dry run says what would happen and changes nothing.
        Api.Response dryRun = alice.post("/revocations?dryRun=true", body);
        assertEquals(200, dryRun.status(), dryRun.body());
        Map<String, Map<String, Object>> predicted = itemsById(dryRun.json());
        assertEquals("ACCEPTED", predicted.get("bulk-dv1").get("outcome"));
        assertEquals("ELIGIBLE", predicted.get("bulk-dv1").get("refundOutlook"));
        assertEquals("CONFIRMATION_NEEDED", predicted.get("bulk-ov1").get("outcome"));
        assertEquals("UPLOADED_NOT_REVOCABLE", errorCode(predicted.get("bulk-up1")));
        assertEquals("CERTIFICATE_NOT_FOUND", errorCode(predicted.get("no-such-certificate")));
        assertEquals("ISSUED", status(dv1));

        // No key, no batch.
        assertEquals("IDEMPOTENCY_KEY_REQUIRED", alice.post("/revocations", body).errorCode());

        Api.Response accepted = alice.post("/revocations", body, Map.of("Idempotency-Key", "incident-7"));
        assertEquals(202, accepted.status(), accepted.body());
        String batchId = String.valueOf(accepted.json().get("batchId"));
        assertEquals(6, ((Number) accepted.json().get("requested")).intValue());
        Api.Response replayed = alice.post("/revocations", body, Map.of("Idempotency-Key", "incident-7"));
        assertEquals(202, replayed.status());
        assertEquals("true", replayed.header("Idempotent-Replayed"));
        assertEquals(batchId, replayed.json().get("batchId"));

        // DV items reach the CA and are revoked; OV items wait for their applicant, who gets one mail for both.
        Map<String, Object> report = Api.poll(WORKFLOW, () -> alice.get("/revocations/" + batchId).json(),
                r -> "REVOKED".equals(itemsById(r).get("bulk-dv1").get("outcome"))
                        && "REVOKED".equals(itemsById(r).get("bulk-dv2").get("outcome"))
                        && "CONFIRMATION_NEEDED".equals(itemsById(r).get("bulk-ov2").get("outcome")));
        assertEquals("UPLOADED_NOT_REVOCABLE", errorCode(itemsById(report).get("bulk-up1")));
        assertEquals("CERTIFICATE_NOT_FOUND", errorCode(itemsById(report).get("no-such-certificate")));

        Mailbox.Mail mail = Api.poll(WORKFLOW, () -> journey.stack.mailbox().messages().stream()
                .filter(m -> m.to().equals(List.of(APPLICANT))).toList(), mails -> !mails.isEmpty()).get(0);
        assertEquals("Confirm the revocation of 2 certificates", mail.subject());
        assertEquals(1, journey.stack.mailbox().messages().stream().filter(m -> m.to().equals(List.of(APPLICANT))).count());
        Api anonymous = journey.as(null);
        for (Certificate ov : List.of(ov1, ov2)) {
            Matcher link = Pattern.compile(Pattern.quote(ov.commonName()) + "[^<]*<a href=\"[^\"]+/revocations/confirm\\?token=([A-Za-z0-9_-]{43})\"")
                    .matcher(mail.body());
            assertTrue(link.find(), mail.body());
            Api.Response answer = anonymous.postForm("/revocations/confirm", "token=" + link.group(1) + "&answer=confirm");
            assertEquals(200, answer.status(), answer.body());
        }

        Map<String, Object> done = Api.poll(WORKFLOW, () -> alice.get("/revocations/" + batchId).json(),
                r -> "REVOKED".equals(itemsById(r).get("bulk-ov1").get("outcome"))
                        && "REVOKED".equals(itemsById(r).get("bulk-ov2").get("outcome")));
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) done.get("totals");
        assertEquals(4, ((Number) totals.get("REVOKED")).intValue(), done.toString());
        assertEquals(2, ((Number) totals.get("REFUSED")).intValue(), done.toString());
        assertEquals("UPLOADED", status(uploaded));
    }

    @Test
    void aKeySelectorRevokesEveryIssuedCertificateWithThatKey() {
        Certificate leaked = add("bulk-key1", ValidationType.DV);
        Certificate other = add("bulk-key2", ValidationType.DV);
        String spki = leaked.x509().spkiSha256();
        String body = "{\"reason\":\"keyCompromise\",\"selector\":{\"publicKeySha256\":\"" + spki + "\"}}";

        Map<String, Object> preview = alice.post("/revocations?dryRun=true", body).json();
        assertEquals(List.of("bulk-key1"), itemsById(preview).keySet().stream().toList());

        Api.Response accepted = alice.post("/revocations", body, Map.of("Idempotency-Key", "leak-1"));
        assertEquals(202, accepted.status(), accepted.body());
        String batchId = String.valueOf(accepted.json().get("batchId"));
        Api.poll(WORKFLOW, () -> alice.get("/revocations/" + batchId).json(),
                r -> "REVOKED".equals(itemsById(r).get("bulk-key1").get("outcome")));
        assertEquals("ISSUED", status(other));
    }

    @Test
    void aBatchWhoseRunStoppedIsReportedInterruptedAndTheSameRequestAgainFinishesIt() {
        add("bulk-stop1", ValidationType.DV);
        add("bulk-stop2", ValidationType.DV);
        String body = "{\"reason\":\"superseded\",\"certificateIds\":[\"bulk-stop1\",\"bulk-stop2\"]}";
        Api.Response accepted = alice.post("/revocations", body, Map.of("Idempotency-Key", "stopped-1"));
        assertEquals(202, accepted.status(), accepted.body());
        String batchId = String.valueOf(accepted.json().get("batchId"));

        journey.executions.stopBatchRun(journey.stack, batchId);
        Api.poll(WORKFLOW, () -> alice.get("/revocations/" + batchId).json(), r -> "INTERRUPTED".equals(r.get("status")));

        Api.Response resumed = alice.post("/revocations", body, Map.of("Idempotency-Key", "stopped-1"));
        assertEquals(202, resumed.status(), resumed.body());
        assertEquals("true", resumed.header("Idempotent-Replayed"));
        Map<String, Object> done = Api.poll(WORKFLOW, () -> alice.get("/revocations/" + batchId).json(),
                r -> "APPLIED".equals(r.get("status")) && "REVOKED".equals(itemsById(r).get("bulk-stop1").get("outcome"))
                        && "REVOKED".equals(itemsById(r).get("bulk-stop2").get("outcome")));
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) done.get("totals");
        assertEquals(2, ((Number) totals.get("REVOKED")).intValue(), done.toString());
    }

    @Test
    void anotherAccountsBatchIsNotFound() {
        add("bulk-mine", ValidationType.DV);
        String batchId = String.valueOf(alice.post("/revocations", "{\"reason\":\"superseded\",\"certificateIds\":[\"bulk-mine\"]}",
                Map.of("Idempotency-Key", "mine-1")).json().get("batchId"));
        Api bob = journey.as(journey.stack.issueToken(TestCertificates.ACCOUNT_B.value(), "bob@globex.example"));
        assertEquals("BATCH_NOT_FOUND", bob.get("/revocations/" + batchId).errorCode());
        assertEquals("BATCH_NOT_FOUND", alice.get("/revocations/b-nope").errorCode());
    }
}

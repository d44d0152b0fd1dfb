package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.ValidationType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Customer journeys through the HTTP API while the real state machine runs in moto. */
class RevocationJourneysIT {
    private static final Duration WORKFLOW = Duration.ofSeconds(60);
    private static LocalStack stack;
    private static Api alice;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStackConfig.defaults(Path.of(System.getProperty("repository.root")))
                .withParameter("CaSimulatedDelaySeconds", 2)
                .withParameter("CaPollFirstSeconds", 1)
                .withParameter("CaPollMultiplier", 1)
                .withParameter("CaPollMaxSeconds", 1)
                .withParameter("ConfirmationValiditySeconds", 30)
                .withParameter("ConfirmationGraceSeconds", 2)
                .withRefundCheckEvery(Duration.ZERO));
        alice = new Api(stack.apiEndpoint(), stack.issueToken(TestCertificates.ACCOUNT_A.value(), "alice@corp.example"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Certificate issued(ValidationType type) {
        String id = type.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return stack.data().add(TestCertificates.issued(id, type, Instant.now().minus(Duration.ofDays(3))));
    }

    private static String status(Certificate c) {
        return String.valueOf(alice.get("/certificates/" + c.id()).json().get("status"));
    }

    @Test
    void dvIsRevokedByTheCaRefundedOnceAndThenDeleted() {
        Certificate dv = issued(ValidationType.DV);

        Api.Response submitted = alice.post("/certificates/" + dv.id() + "/revocation", "{\"reason\":\"keyCompromise\"}");
        assertEquals(202, submitted.status(), submitted.body());
        assertEquals("REVOKING", submitted.json().get("status"));
        assertEquals("ELIGIBLE", submitted.json().get("refundOutlook"));

        Api.poll(WORKFLOW, () -> status(dv), "REVOKED"::equals);
        stack.runRefundCheck();
        stack.runRefundCheck();
        @SuppressWarnings("unchecked")
        Map<String, Object> refund = (Map<String, Object>) ((Map<String, Object>) alice.get("/certificates/" + dv.id())
                .json().get("revocation")).get("refund");
        assertEquals("REFUNDED", refund.get("status"));
        assertEquals(1L, stack.mailbox().messages().stream()
                .filter(m -> m.subject().equals("Refund decision for " + dv.commonName())).count(), "one refund notice");

        assertEquals(204, alice.delete("/certificates/" + dv.id()).status());
        assertEquals(404, alice.get("/certificates/" + dv.id()).status());
        assertTrue(stack.mailbox().messages().stream().anyMatch(m -> m.subject().equals("Certificate " + dv.commonName() + " was revoked")));
    }
}

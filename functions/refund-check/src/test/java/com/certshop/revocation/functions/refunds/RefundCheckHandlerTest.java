package com.certshop.revocation.functions.refunds;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certshop.revocation.domain.fakes.ScriptedCertificateAuthority;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.RefundStatus;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.usecase.RevocationSteps;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefundCheckHandlerTest {
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final RefundCheckHandler handler = new RefundCheckHandler(h.settle, h.sweep);

    private Map<String, Object> invoke(InputStream input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(input, out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }

    @Test
    void aScheduledRunRefundsOnceAndSaysWhatItDid() throws IOException {
        Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, Instant.parse("2026-11-02T10:00:00Z")));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        RevocationSteps.Step step = new RevocationSteps.Step(ACCOUNT_A, dv.id(), 1);
        h.steps.submitToCa(step);
        h.ca.answers(ScriptedCertificateAuthority.revoked(h.clock.instant()));
        h.steps.pollCa(step, 0);

        Map<String, Object> first = invoke(getClass().getResourceAsStream("/events/scheduled-refund-check.json"));
        Map<String, Object> second = invoke(getClass().getResourceAsStream("/events/scheduled-refund-check.json"));

        assertEquals(Map.of("trigger", "schedule", "refunded", 1, "notEligible", 0, "workflowsStarted", 0,
                "needAttention", List.of()), first);
        assertEquals(0, second.get("refunded"));
        assertEquals(RefundStatus.REFUNDED, h.reload(dv).revocation().refund().status());
        assertEquals(1, h.ledger.paid().size());
    }

    @Test
    void anEmptyInputIsAnOnDemandRun() throws IOException {
        assertEquals(Map.of("trigger", "unknown", "refunded", 0, "notEligible", 0, "workflowsStarted", 0,
                "needAttention", List.of()), invoke(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void aRevocationWhoseWorkflowNeverStartedIsStartedByTheScheduledRun() throws IOException {
        Certificate dv = h.add(TestCertificates.issued("dv9", ValidationType.DV, Instant.parse("2026-11-02T10:00:00Z")));
        h.workflow.failNextStarts(1);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> h.submit.submit(
                new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null)));
        h.clock.advance(java.time.Duration.ofMinutes(20));

        assertEquals(1, invoke(new ByteArrayInputStream(new byte[0])).get("workflowsStarted"));
        assertEquals(1, h.workflow.runs().size());
    }
}

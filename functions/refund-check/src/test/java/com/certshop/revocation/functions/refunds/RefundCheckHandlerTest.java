package com.certshop.revocation.functions.refunds;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
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
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefundCheckHandlerTest {
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final RefundCheckHandler handler = new RefundCheckHandler(h.settle, h.sweep);

    private Map<String, Object> invoke(InputStream input) throws IOException {
        return invoke(input, Duration.ofMinutes(5));
    }

    /** Runs the handler as Lambda would, with {@code remaining} of the invocation's time left when it starts. */
    private Map<String, Object> invoke(InputStream input, Duration remaining) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(input, out, contextWith(remaining));
        return JSON.std.mapFrom(out.toByteArray());
    }

    /** A Lambda context that answers only what the handler asks: the time left, and the request id for its log line. */
    private static Context contextWith(Duration remaining) {
        return (Context) Proxy.newProxyInstance(RefundCheckHandlerTest.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getRemainingTimeInMillis")) {
                        return (int) remaining.toMillis();
                    }
                    if (method.getName().equals("getAwsRequestId")) {
                        return "scheduled-run";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private Certificate revokedWithARefundDue(String id) {
        Certificate dv = h.add(TestCertificates.issued(id, ValidationType.DV, Instant.parse("2026-11-02T10:00:00Z")));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        RevocationSteps.Step step = new RevocationSteps.Step(ACCOUNT_A, dv.id(), 1);
        h.steps.submitToCa(step, "token-" + id);
        h.ca.answers(ScriptedCertificateAuthority.revoked(h.clock.instant()));
        h.checkCaWhenDue(dv);
        return dv;
    }

    @Test
    void aScheduledRunRefundsOnceAndSaysWhatItDid() throws IOException {
        Certificate dv = revokedWithARefundDue("dv1");

        Map<String, Object> first = invoke(getClass().getResourceAsStream("/events/scheduled-refund-check.json"));
        Map<String, Object> second = invoke(getClass().getResourceAsStream("/events/scheduled-refund-check.json"));

        assertEquals(Map.of("trigger", "schedule", "refunded", 1, "notEligible", 0, "refundsLeft", 0, "failed", 0,
                "workflowsStarted", 0, "needAttention", List.of(), "sweepLeft", 0), first);
        assertEquals(0, second.get("refunded"));
        assertEquals(RefundStatus.REFUNDED, h.reload(dv).revocation().refund().status());
        assertEquals(1, h.ledger.paid().size());
    }

    @Test
    void aMalformedItemIsCountedAsFailedAndTheRestOfTheCheckStillRuns() throws IOException {
        Certificate broken = revokedWithARefundDue("dv0");
        Certificate dv = revokedWithARefundDue("dv1");
        h.store.corrupt(ACCOUNT_A, broken.id());

        Map<String, Object> answer = invoke(getClass().getResourceAsStream("/events/scheduled-refund-check.json"));

        assertEquals(1, answer.get("refunded"));
        assertEquals(1, answer.get("failed"));
        assertEquals(RefundStatus.REFUNDED, h.reload(dv).revocation().refund().status());
    }

    @Test
    void anEmptyInputIsAnOnDemandRun() throws IOException {
        assertEquals(Map.of("trigger", "unknown", "refunded", 0, "notEligible", 0, "refundsLeft", 0, "failed", 0,
                "workflowsStarted", 0, "needAttention", List.of(), "sweepLeft", 0), invoke(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void aRevocationWhoseWorkflowNeverStartedIsStartedByTheScheduledRun() throws IOException {
        Certificate dv = h.add(TestCertificates.issued("dv9", ValidationType.DV, Instant.parse("2026-11-02T10:00:00Z")));
        h.workflow.failNextStarts(1);
        h.submit.submit(
                new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        h.clock.advance(Duration.ofMinutes(20));

        assertEquals(1, invoke(new ByteArrayInputStream(new byte[0])).get("workflowsStarted"));
        assertEquals(1, h.workflow.runs().size());
    }

    @Test
    void aRunStartedWithLessThanTheSafetyMarginLeftTakesNothingAndSaysWhatIsLeft() throws IOException {
        Certificate dv = revokedWithARefundDue("dv1");

        Map<String, Object> late = invoke(new ByteArrayInputStream(new byte[0]),
                RefundCheckHandler.SAFETY_MARGIN.minusSeconds(1));

        assertEquals(0, late.get("refunded"));
        assertEquals(1, late.get("refundsLeft"));
        assertEquals(RefundStatus.PENDING, h.reload(dv).revocation().refund().status());
        assertEquals(0, h.ledger.calls());
        assertEquals(1, invoke(new ByteArrayInputStream(new byte[0])).get("refunded"), "the next run takes it");
    }
}

package com.certshop.revocation.functions.refunds;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.RecordingPort;
import com.certshop.revocation.domain.fakes.ScriptedCertificateAuthority;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.RefundStatus;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.usecase.RevocationSteps;
import com.certshop.revocation.domain.usecase.SettleRefunds;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import com.certshop.revocation.domain.usecase.SweepStuckRevocations;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SnapStart priming hook. */
class RefundCheckHandlerSnapStartTest {
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final List<String> storeCalls = new ArrayList<>();

    /** The handler over the harness store, every call to which is recorded by name; a failing store throws on each. */
    private RefundCheckHandler handler(boolean storeFails) {
        CertificateStore store = RecordingPort.of(CertificateStore.class, h.store, storeCalls, false, storeFails);
        return new RefundCheckHandler(new SettleRefunds(store, h.ledger, h.mailer, h.skipped, h.clock),
                new SweepStuckRevocations(store, h.workflow, Duration.ofMinutes(15), h.skipped, h.clock));
    }

    @Test
    void primingRunsBothQueriesAndTakesNoItem() {
        Certificate due = h.add(TestCertificates.issued("dv1", ValidationType.DV, Instant.parse("2026-11-02T10:00:00Z")));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, due.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        RevocationSteps.Step step = new RevocationSteps.Step(ACCOUNT_A, due.id(), 1);
        h.steps.submitToCa(step, "token-1");
        h.ca.answers(ScriptedCertificateAuthority.revoked(h.clock.instant()));
        h.checkCaWhenDue(due);
        Certificate stuck = h.add(TestCertificates.issued("dv2", ValidationType.DV, Instant.parse("2026-11-02T10:00:00Z")));
        h.workflow.failNextStarts(1);
        h.submit.submit(
                new SubmitRevocation.Command(ACCOUNT_A, stuck.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        h.clock.advance(Duration.ofHours(1));
        int notices = h.mailer.notices().size();

        handler(false).beforeCheckpoint(null);

        assertEquals(List.of("pendingRefundsDueBy", "revocationsInProgressSince"), storeCalls);
        assertEquals(RefundStatus.PENDING, h.reload(due).revocation().refund().status());
        assertEquals(0, h.ledger.calls());
        assertEquals(notices, h.mailer.notices().size());
        assertEquals(List.of("dv1-attempt-1"), h.workflow.runs().stream().map(r -> r.runName()).toList(),
                "the stuck revocation's run is left for a real run to start");
    }

    @Test
    void primingSurvivesAStoreThatFailsAndSaysSoInAJsonLine() throws IOException {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertDoesNotThrow(() -> handler(true).beforeCheckpoint(null));
        } finally {
            System.setOut(console);
        }
        assertEquals(List.of("pendingRefundsDueBy"), storeCalls);

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        Map<String, Object> failed = JSON.std.mapFrom(lines.get(lines.size() - 1));
        assertEquals("ERROR", failed.get("level"));
        assertEquals("SnapStart priming failed; starting unprimed", failed.get("message"));
        assertEquals("java.lang.IllegalStateException", ((Map<?, ?>) failed.get("exception")).get("type"));
        for (String line : lines) {
            assertTrue(line.startsWith("{") && line.endsWith("}"), "every line is one JSON object: " + line);
        }
    }
}

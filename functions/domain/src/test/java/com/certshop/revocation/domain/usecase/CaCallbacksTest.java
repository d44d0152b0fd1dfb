package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.ScriptedCertificateAuthority;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.Mailer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A CA's callback: a check made at once, which only the CA's status source decides. */
class CaCallbacksTest {
    private static final Instant ISSUED_AT = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant HANDED_OVER = Instant.parse("2026-11-10T10:00:00Z");
    private final DomainHarness h = new DomainHarness(HANDED_OVER.toString());

    private Certificate handedOver(String id) {
        return h.handedOver(id, ISSUED_AT);
    }

    @Test
    void aCallbackHasTheRevocationCheckedAtOnceAndCompletedTheSameWayAsAScheduledCheck() {
        Certificate dv = handedOver("dv1");
        h.ca.answers(ScriptedCertificateAuthority.revoked(HANDED_OVER.plusSeconds(5)));

        assertEquals(new CheckCaWaits.Report(1, 1, 0, 0, 0, 0), h.caCallbacks.checkNow(dv.x509().serialNumber()),
                "long before its first scheduled check");

        Certificate after = h.reload(dv);
        assertEquals(CertificateStatus.REVOKED, after.status());
        assertEquals(HANDED_OVER.plusSeconds(5), after.revocation().revokedAt());
        assertEquals(List.of(Mailer.Notice.REVOKED), h.mailer.notices());
        assertEquals(List.of("token-dv1:REVOKED"), h.workflow.caWaitSignals());
        assertEquals(new CheckCaWaits.Report(0, 0, 0, 0, 0, 0), h.caCallbacks.checkNow(dv.x509().serialNumber()),
                "the same callback again finds nothing waiting");
        assertEquals(List.of(Mailer.Notice.REVOKED), h.mailer.notices(), "told once");
    }

    @Test
    void aCallbackTheCaStatusDoesNotBearOutYetOnlyBringsTheNextCheckForward() {
        Certificate dv = handedOver("dv1");
        h.ca.answers(new CaStatus.Pending());
        h.clock.advance(Duration.ofSeconds(60));
        h.caChecks.run(() -> true);
        Certificate before = h.reload(dv);
        assertEquals(h.clock.instant().plusSeconds(120), before.revocation().caWait().nextCheckAt(), "backing off");
        List<String> signals = h.workflow.caWaitSignals();
        var trail = h.store.events(ACCOUNT_A, dv.id());
        h.clock.advance(Duration.ofSeconds(10));

        assertEquals(new CheckCaWaits.Report(1, 0, 0, 1, 0, 0), h.caCallbacks.checkNow(dv.x509().serialNumber()));

        Certificate after = h.reload(dv);
        assertEquals(h.clock.instant().plusSeconds(60), after.revocation().caWait().nextCheckAt(),
                "as soon as a first check after a hand-over, in case the CA's status lags its callback");
        assertEquals(before.revocation().caWait().checks(), after.revocation().caWait().checks(), "the backoff goes on");
        assertEquals(CertificateStatus.REVOKING, after.status());
        assertEquals(trail, h.store.events(ACCOUNT_A, dv.id()), "a quiet change: no audit event");
        assertEquals(signals, h.workflow.caWaitSignals());
        assertEquals(List.of(), h.mailer.notices());

        h.clock.advance(Duration.ofSeconds(10));
        h.caCallbacks.checkNow(dv.x509().serialNumber());
        assertEquals(after.revocation().caWait().nextCheckAt(), h.reload(dv).revocation().caWait().nextCheckAt(),
                "never later, and a burst of callbacks cannot keep moving it");
    }

    @Test
    void aCallbackWhileTheStatusCannotBeReadFailsAndLeavesTheRevocationToTheScheduledChecks() {
        Certificate dv = handedOver("dv1");
        Certificate before = h.reload(dv);
        h.ca.answers((CaStatus) null);

        assertThrows(CaUnavailableException.class, () -> h.caCallbacks.checkNow(dv.x509().serialNumber()));

        assertEquals(before, h.reload(dv));
        assertEquals(List.of(), h.workflow.caWaitSignals());
    }

    @Test
    void aCallbackNamingNoRevocationHandedOverLeavesEverythingAlone() {
        Certificate notHandedOver = h.add(TestCertificates.issued("dv2", ValidationType.DV, ISSUED_AT));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, notHandedOver.id(), "superseded",
                Actor.customer(ACCOUNT_A, "a"), null));
        h.ca.failNextRequests(1);
        h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, notHandedOver.id(), 1), "token-dv2");
        Certificate waitingForHandOver = h.reload(notHandedOver);
        assertNull(waitingForHandOver.revocation().submittedToCaAt(), "the CA could not take it yet");
        Certificate untouched = h.add(TestCertificates.issued("dv3", ValidationType.DV, ISSUED_AT));
        h.ca.answers(ScriptedCertificateAuthority.revoked(HANDED_OVER));

        assertEquals(new CheckCaWaits.Report(0, 0, 0, 0, 0, 0), h.caCallbacks.checkNow(
                waitingForHandOver.x509().serialNumber()));
        assertEquals(new CheckCaWaits.Report(0, 0, 0, 0, 0, 0), h.caCallbacks.checkNow(untouched.x509().serialNumber()));
        assertEquals(new CheckCaWaits.Report(0, 0, 0, 0, 0, 0), h.caCallbacks.checkNow("01"));

        assertEquals(waitingForHandOver, h.reload(notHandedOver));
        assertEquals(CertificateStatus.ISSUED, h.reload(untouched).status());
        assertEquals(0, h.ca.statusCalls());
    }
}

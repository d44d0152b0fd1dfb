package com.certshop.revocation.aws.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.Emulators;
import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.HandOver;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.fakes.MutableClock;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.CertificateAuthority;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The simulated CA keeps the port's promises, and does what only it can: scripted delays and rejections. */
abstract class SimulatedCertificateAuthorityContract extends CertificateAuthorityContract {
    private static final Duration DELAY = Duration.ofSeconds(30);
    private final MutableClock clock = new MutableClock(Instant.now());
    private final SimulatedCertificateAuthority ca;

    SimulatedCertificateAuthorityContract(AwsEmulator aws) {
        var dynamo = Emulators.dynamo(aws);
        ca = new SimulatedCertificateAuthority(dynamo, Emulators.newTable(dynamo), clock, DELAY);
    }

    @Override
    protected CertificateAuthority ca() {
        return ca;
    }

    @Override
    protected Certificate issued(String name) {
        return TestCertificates.issued(name + "-" + UUID.randomUUID().toString().substring(0, 8), ValidationType.DV,
                clock.instant().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Override
    protected void letTheCaWork() {
        clock.advance(DELAY);
    }

    @Override
    protected void takeTheCaDown(Certificate certificate) {
        ca.script(certificate.id(), SimulatedCertificateAuthority.Script.revokeAfter(DELAY).failingFirst(1));
    }

    @Override
    protected void bringTheCaBack() {
        // The scripted outage ends by itself after its one failure.
    }

    @Override
    protected HandOver handOverWithUnsupportedReason(Certificate certificate) {
        ca.script(certificate.id(), SimulatedCertificateAuthority.Script.rejectAfter(DELAY,
                "reason " + certificate.revocation().reason().rfcName() + " is not accepted"));
        return ca.requestRevocation(certificate);
    }

    @Test
    void revokesAtTheMomentItsDelayEndsNotBefore() {
        Certificate applied = appliedFor(issued("delay"), RevocationReason.KEY_COMPROMISE);
        Instant receivedAt = clock.instant();
        Certificate sent = handedOver(applied, ca.requestRevocation(applied));

        clock.advance(DELAY.minusSeconds(1));
        assertEquals(new CaStatus.Pending(), ca.status(sent));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new CaStatus.Revoked(new RevocationEvidence("simulated CA", receivedAt.plus(DELAY), 1,
                clock.instant())), ca.status(sent));
    }

    @Test
    void aScriptedCertificateIsRejectedAfterItsOwnDelay() {
        Certificate applied = appliedFor(issued("rejected"), RevocationReason.SUPERSEDED);
        ca.script(applied.id(), SimulatedCertificateAuthority.Script.rejectAfter(Duration.ofSeconds(5), "no such serial"));
        Certificate sent = handedOver(applied, ca.requestRevocation(applied));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(new CaStatus.Rejected("no such serial"), ca.status(sent));
    }

    @Test
    void aRequestTheCaNeverReceivedIsAnError() {
        Certificate applied = appliedFor(issued("never"), RevocationReason.SUPERSEDED);
        assertThrows(IllegalStateException.class, () -> ca.status(handedOver(applied, new HandOver.Accepted("sim-nothing-1"))));
    }
}

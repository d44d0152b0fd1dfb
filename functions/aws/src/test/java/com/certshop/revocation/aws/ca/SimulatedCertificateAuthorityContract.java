package com.certshop.revocation.aws.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.Emulators;
import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.fakes.MutableClock;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.model.ValidationType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

abstract class SimulatedCertificateAuthorityContract {
    private static final Instant NOW = Instant.parse("2026-11-10T10:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final SimulatedCertificateAuthority ca;

    SimulatedCertificateAuthorityContract(AwsEmulator aws) {
        var dynamo = Emulators.dynamo(aws);
        ca = new SimulatedCertificateAuthority(dynamo, Emulators.newTable(dynamo), clock, Duration.ofSeconds(30));
    }

    private static Certificate revoking(String id) {
        Certificate c = TestCertificates.issued(id, ValidationType.DV, NOW.minus(Duration.ofDays(3)));
        return Lifecycle.submit(c, new RevocationRequest(RevocationReason.KEY_COMPROMISE, Actor.SYSTEM, null),
                RefundClaim.pending(RefundOutlook.ELIGIBLE, NOW.plus(Duration.ofDays(20))), NOW).after();
    }

    @Test
    void revokesAfterTheDefaultDelayAtTheTimeTheDelayEnds() {
        String request = ca.requestRevocation(revoking("dv1"));
        assertEquals(request, ca.requestRevocation(revoking("dv1")), "a repeated request is the same request");

        clock.advance(Duration.ofSeconds(29));
        assertEquals(new CaStatus.Pending(), ca.status(request));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new CaStatus.Revoked(NOW.plusSeconds(30)), ca.status(request));
    }

    @Test
    void aScriptedCertificateIsRejectedAfterItsOwnDelay() {
        ca.script(revoking("dv2").id(), SimulatedCertificateAuthority.Script.rejectAfter(Duration.ofSeconds(5), "no such serial"));
        String request = ca.requestRevocation(revoking("dv2"));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(new CaStatus.Rejected("no such serial"), ca.status(request));
    }

    @Test
    void scriptedTransientFailuresComeFirstThenTheCaAnswers() {
        ca.script(revoking("dv3").id(), SimulatedCertificateAuthority.Script.revokeAfter(Duration.ZERO).failingFirst(2));
        assertThrows(CaUnavailableException.class, () -> ca.requestRevocation(revoking("dv3")));
        assertThrows(CaUnavailableException.class, () -> ca.requestRevocation(revoking("dv3")));
        String request = ca.requestRevocation(revoking("dv3"));
        assertEquals(new CaStatus.Revoked(NOW), ca.status(request));
    }

    @Test
    void anUnknownRequestIsAnError() {
        assertThrows(IllegalStateException.class, () -> ca.status("sim-nothing-1"));
    }
}

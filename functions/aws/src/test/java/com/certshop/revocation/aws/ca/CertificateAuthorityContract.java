package com.certshop.revocation.aws.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.HandOver;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.port.CertificateAuthority;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CertificateAuthority} adapter promises, run against each one with its real peer:
 * the simulated CA on moto, the ACME CA on Pebble.
 */
public abstract class CertificateAuthorityContract {

    /** The adapter under test. */
    protected abstract CertificateAuthority ca();

    /** A certificate this CA issued (a new one each call), as it stands after the customer applied to revoke it. */
    protected abstract Certificate issued(String name);

    /** Lets the CA do its work, however long it takes (no time at all for some). */
    protected abstract void letTheCaWork();

    /** Makes the CA unable to answer for {@code certificate} (an outage), until {@link #bringTheCaBack()}. */
    protected abstract void takeTheCaDown(Certificate certificate);

    protected abstract void bringTheCaBack();

    /** Hands the certificate over with a reason this CA does not accept. */
    protected abstract HandOver handOverWithUnsupportedReason(Certificate certificate);

    protected static Certificate appliedFor(Certificate issued, RevocationReason reason) {
        Instant now = Instant.now();
        Transition submitted = Lifecycle.submit(issued, new RevocationRequest(reason, Actor.SYSTEM, null),
                RefundClaim.pending(RefundOutlook.ELIGIBLE, now.plus(Duration.ofDays(20))), now);
        return submitted.after();
    }

    /** The certificate once the hand-over's reference is recorded, as the workflow stores it. */
    protected static Certificate handedOver(Certificate applied, HandOver handOver) {
        Instant now = Instant.now();
        return Lifecycle.sentToCa(applied, applied.revocation().attempt(), ((HandOver.Accepted) handOver).reference(),
                com.certshop.revocation.domain.model.CaWait.begin("task-token", now, now), now).after();
    }

    private RevocationEvidence revokedEvidence(Certificate sent) {
        letTheCaWork();
        return assertInstanceOf(CaStatus.Revoked.class, ca().status(sent)).evidence();
    }

    @Test
    void revokesWithTheReasonTheCustomerChoseAndProvesItByTheCasStatus() {
        Certificate applied = appliedFor(issued("revoke"), RevocationReason.KEY_COMPROMISE);
        Instant before = Instant.now().minusSeconds(1);

        HandOver answer = ca().requestRevocation(applied);

        RevocationEvidence evidence = revokedEvidence(handedOver(applied, answer));
        assertEquals(1, evidence.reasonCode());
        assertEquals("keyCompromise", evidence.reasonName());
        assertFalse(evidence.revokedAt().isBefore(before.minus(Duration.ofMinutes(1))), evidence.toString());
        assertFalse(evidence.source().isBlank());
    }

    @Test
    void revokingTwiceIsTheSameRevocation() {
        Certificate applied = appliedFor(issued("twice"), RevocationReason.SUPERSEDED);
        HandOver first = ca().requestRevocation(applied);
        HandOver again = ca().requestRevocation(applied);

        assertEquals(first, again, "the retry after a lost answer is accepted as the same request");
        assertEquals(4, revokedEvidence(handedOver(applied, again)).reasonCode());
    }

    @Test
    void aReasonTheCaDoesNotAcceptIsARejectionWithTheCasOwnWords() {
        Certificate applied = appliedFor(issued("reason"), RevocationReason.CESSATION_OF_OPERATION);
        HandOver answer = handOverWithUnsupportedReason(applied);
        String refusal;
        if (answer instanceof HandOver.Rejected rejected) {
            refusal = rejected.detail();
        } else {
            letTheCaWork();
            refusal = assertInstanceOf(CaStatus.Rejected.class, ca().status(handedOver(applied, answer))).reason();
        }
        assertFalse(refusal.isBlank());
    }

    @Test
    void aCaThatIsDownIsTransientAndTheRevocationGoesThroughOnceItIsBack() {
        Certificate applied = appliedFor(issued("outage"), RevocationReason.AFFILIATION_CHANGED);
        takeTheCaDown(applied);
        try {
            assertThrows(CaUnavailableException.class, () -> ca().requestRevocation(applied));
        } finally {
            bringTheCaBack();
        }
        HandOver answer = ca().requestRevocation(applied);
        assertEquals(3, revokedEvidence(handedOver(applied, answer)).reasonCode());
    }
}

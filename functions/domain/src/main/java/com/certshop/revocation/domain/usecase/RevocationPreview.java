package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.batch.ItemOutcome;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.refund.RefundPolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * What applying to revoke a certificate now would do: the transition a real application writes,
 * computed and dropped, so a dry run follows the very rules of the application and writes nothing.
 * Single and bulk dry runs both answer from here.
 *
 * @param outcome ACCEPTED (straight to the CA), CONFIRMATION_NEEDED (OV/EV: the applicant confirms
 *                by mail first) or REFUSED
 * @param refusal why it would be refused; empty unless REFUSED
 * @param claim   the refund claim the revocation would carry; empty when REFUSED
 */
public record RevocationPreview(Certificate certificate, ItemOutcome outcome, Optional<DomainException> refusal,
        Optional<RefundClaim> claim) {

    static RevocationPreview of(Certificate c, RevocationRequest request, RefundPolicy policy, Instant now) {
        RefundClaim claim = policy.claimFor(c.issuedAt(), now);
        try {
            Lifecycle.submit(c, request, claim, now);
        } catch (DomainException e) {
            return new RevocationPreview(c, ItemOutcome.REFUSED, Optional.of(e), Optional.empty());
        }
        return new RevocationPreview(c, c.type().revocationNeedsConfirmation() ? ItemOutcome.CONFIRMATION_NEEDED
                : ItemOutcome.ACCEPTED, Optional.empty(), Optional.of(claim));
    }

    /** Whom the confirmation mail would go to; empty unless the applicant must confirm. */
    public Optional<String> confirmationTo() {
        return outcome == ItemOutcome.CONFIRMATION_NEEDED ? Optional.of(certificate.applicantEmail()) : Optional.empty();
    }

    /** Applying locks the PEM from that moment (README, "The lifecycle"); a refused application changes nothing. */
    public boolean locksDownload() {
        return outcome != ItemOutcome.REFUSED;
    }
}

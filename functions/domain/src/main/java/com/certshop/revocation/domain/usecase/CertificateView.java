package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Origin;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.refund.RefundPolicy;
import com.certshop.revocation.domain.refund.RefundWindow;
import java.time.Instant;
import java.util.Optional;

/**
 * A certificate as shown to its owner at a moment: with what follows from the clock (expired,
 * refund advice) so that every screen shows the same facts.
 *
 * @param refundAdvice present while the refund window is open, for certificates bought here
 */
public record CertificateView(
        Certificate certificate, boolean expired, boolean downloadLocked, Optional<RefundAdvice> refundAdvice) {

    static CertificateView of(Certificate certificate, RefundPolicy policy, Instant now) {
        Optional<RefundAdvice> advice = Optional.empty();
        if (certificate.origin() == Origin.ISSUED) {
            RefundWindow window = policy.windowFor(certificate.issuedAt());
            if (window.isOpenAt(now)) {
                advice = Optional.of(new RefundAdvice(window, policy.outlook(certificate.issuedAt(), now)));
            }
        }
        return new CertificateView(certificate, certificate.isExpiredAt(now),
                certificate.status().locksDownload(), advice);
    }

    /** The open refund window, with the latest safe date to apply and what applying now would mean. */
    public record RefundAdvice(RefundWindow window, RefundOutlook outlookIfAppliedNow) {
    }
}

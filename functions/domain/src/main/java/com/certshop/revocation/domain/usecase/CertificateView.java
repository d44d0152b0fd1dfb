package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.Action;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.Origin;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.refund.RefundPolicy;
import com.certshop.revocation.domain.refund.RefundWindow;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A certificate as shown to its owner at a moment: with what follows from the clock (expired,
 * refund advice) and which actions the rules allow now, so that every screen shows the same facts
 * and none has to know a rule.
 *
 * @param refundAdvice       present while the refund window is open, for certificates bought here
 * @param refundWindowClosed a certificate bought here whose refund window has ended (an uploaded
 *                           one never had one)
 * @param actions      every {@link Action}: empty if allowed now, else the refusal the request would get
 */
public record CertificateView(Certificate certificate, boolean expired, boolean downloadLocked,
        Optional<RefundAdvice> refundAdvice, boolean refundWindowClosed, Map<Action, Optional<Refusal>> actions) {

    static CertificateView of(Certificate certificate, RefundPolicy policy, Instant now) {
        Optional<RefundAdvice> advice = Optional.empty();
        boolean windowClosed = false;
        if (certificate.origin() == Origin.ISSUED) {
            RefundWindow window = policy.windowFor(certificate.issuedAt());
            if (window.isOpenAt(now)) {
                advice = Optional.of(new RefundAdvice(window, policy.outlook(certificate.issuedAt(), now)));
            } else {
                windowClosed = true;
            }
        }
        return new CertificateView(certificate, certificate.isExpiredAt(now),
                certificate.status().locksDownload(), advice, windowClosed, actions(certificate, now));
    }

    /**
     * Each action asked of the very guard that refuses the real request. A cancel in REVOKING is
     * answered as if the attempt's run exists, as it does unless its start failed: only the cancel
     * itself asks Step Functions, and then allows withdrawing a revocation whose run never started.
     */
    private static Map<Action, Optional<Refusal>> actions(Certificate c, Instant now) {
        Map<Action, Optional<Refusal>> actions = new EnumMap<>(Action.class);
        actions.put(Action.REVOKE, refusal(() -> Lifecycle.requireRevocable(c, now)));
        actions.put(Action.CANCEL, refusal(() -> Lifecycle.requireCancellable(c, true)));
        actions.put(Action.DOWNLOAD, refusal(() -> Lifecycle.requireDownloadable(c)));
        actions.put(Action.DELETE, refusal(() -> Lifecycle.requireDeletable(c, now)));
        return Collections.unmodifiableMap(actions);
    }

    private static Optional<Refusal> refusal(Runnable guard) {
        try {
            guard.run();
            return Optional.empty();
        } catch (DomainException e) {
            return Optional.of(new Refusal(e.code(), e.getMessage()));
        }
    }

    /** The error a request for a refused action would get. */
    public record Refusal(ErrorCode code, String message) {
    }

    /** The open refund window, with the latest safe date to apply and what applying now would mean. */
    public record RefundAdvice(RefundWindow window, RefundOutlook outlookIfAppliedNow) {
    }
}

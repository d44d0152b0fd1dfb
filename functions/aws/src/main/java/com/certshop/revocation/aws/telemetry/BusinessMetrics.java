package com.certshop.revocation.aws.telemetry;

import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.RefundStatus;
import com.certshop.revocation.domain.model.Transition;
import java.time.Duration;

/**
 * The revocation funnel as metrics, read off the audit events the domain writes: each counts
 * once, when the store has recorded it. No rule is decided here; a revocation is "revoked" for
 * the metrics exactly when the domain recorded REVOKED.
 */
final class BusinessMetrics {
    private BusinessMetrics() {
    }

    static void record(Transition transition, EmbeddedMetrics metrics) {
        AuditEvent event = transition.event();
        if (event == null) {
            return;
        }
        switch (event.type()) {
            case REVOCATION_REQUESTED -> metrics.count(Metric.RevocationsSubmitted, 1);
            case REVOCATION_CONFIRMED -> metrics.count(Metric.RevocationsConfirmed, 1);
            case REVOCATION_LAPSED -> metrics.count(Metric.RevocationsLapsed, 1);
            case REVOKED -> {
                metrics.count(Metric.RevocationsRevoked, 1);
                metrics.observe(Metric.TimeToRevoked,
                        Duration.between(transition.after().revocation().requestedAt(), event.at()).toMillis() / 1000.0);
            }
            case REVOCATION_FAILED -> metrics.count(Metric.RevocationsRejectedByCa, 1);
            case REVOCATION_OVERDUE -> metrics.count(Metric.RevocationsOverdue, 1);
            case CA_STATUS_UNKNOWN -> metrics.count(Metric.CaStatusUnknown, 1);
            case REFUND_SETTLED -> metrics.count(RefundStatus.REFUNDED.name().equals(event.details().get("refund"))
                    ? Metric.RefundsSettled : Metric.RefundsRefused, 1);
            default -> {
                // Certificates added and deleted, mails sent, hand-overs: in the trail, not in the funnel.
            }
        }
    }
}

package com.certshop.revocation.aws.telemetry;

import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.HandOver;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.port.CertificateAuthority;
import java.util.function.Supplier;

/**
 * A CA whose every call is counted in the invocation's metrics: {@code CaRequests}, and
 * {@code CaErrors} when the CA could not answer (down, timing out, or asking us to come back
 * later), the CA's error rate. Hand-overs that did not go through are also counted by kind:
 * {@code CaHandOverUnavailable}, {@code CaHandOverRetryAfter} (the CA asked for a pause),
 * {@code CaHandOverRejected} and {@code CaHandOverNotSent} (the revocation could not be put to it).
 */
public final class ObservedCertificateAuthority implements CertificateAuthority {
    private final CertificateAuthority ca;

    public ObservedCertificateAuthority(CertificateAuthority ca) {
        this.ca = ca;
    }

    /** The adapter whose calls it counts. */
    public CertificateAuthority adapter() {
        return ca;
    }

    @Override
    public HandOver requestRevocation(Certificate certificate) {
        HandOver answer = call(() -> ca.requestRevocation(certificate), true);
        if (answer instanceof HandOver.Rejected) {
            count(Metric.CaHandOverRejected);
        } else if (answer instanceof HandOver.NotSent) {
            count(Metric.CaHandOverNotSent);
        }
        return answer;
    }

    @Override
    public CaStatus status(Certificate certificate) {
        return call(() -> ca.status(certificate), false);
    }

    private <T> T call(Supplier<T> request, boolean handOver) {
        count(Metric.CaRequests);
        try {
            return request.get();
        } catch (CaUnavailableException e) {
            count(Metric.CaErrors);
            if (handOver) {
                count(e.retryAfter().isPresent() ? Metric.CaHandOverRetryAfter : Metric.CaHandOverUnavailable);
            }
            throw e;
        }
    }

    private static void count(Metric metric) {
        Telemetry.current().ifPresent(invocation -> invocation.metrics().count(metric, 1));
    }
}

package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.port.CertificateQuery;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.Page;
import com.certshop.revocation.domain.refund.RefundPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a customer may read: their certificates, one certificate, its PEM bundle, its audit trail. */
public final class CertificateQueries {
    private final CertificateStore store;
    private final RefundPolicy refundPolicy;
    private final Clock clock;

    public CertificateQueries(CertificateStore store, RefundPolicy refundPolicy, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.refundPolicy = Objects.requireNonNull(refundPolicy);
        this.clock = Objects.requireNonNull(clock);
    }

    public Page<CertificateView> list(AccountId account, CertificateQuery query) {
        Instant now = clock.instant();
        return store.list(account, query).map(c -> CertificateView.of(c, refundPolicy, now));
    }

    public CertificateView get(AccountId account, CertificateId id) {
        return CertificateView.of(Transitions.visible(store, account, id), refundPolicy, clock.instant());
    }

    /** The PEM bundle, unless a revocation was ever submitted and did not lapse. */
    public Download download(AccountId account, CertificateId id) {
        Certificate certificate = Transitions.visible(store, account, id);
        if (certificate.status().locksDownload()) {
            throw new DomainException(ErrorCode.CERTIFICATE_LOCKED, "A revocation of this certificate was applied for"
                    + " on " + certificate.revocation().requestedAt() + " (status " + certificate.status()
                    + "), so it can no longer be viewed or downloaded.");
        }
        return new Download(certificate.commonName().replace('*', '_') + ".pem", certificate.pemBundle());
    }

    public List<AuditEvent> events(AccountId account, CertificateId id) {
        Transitions.visible(store, account, id);
        return store.events(account, id);
    }

    /** A file to hand to the customer. */
    public record Download(String fileName, String pem) {
    }
}

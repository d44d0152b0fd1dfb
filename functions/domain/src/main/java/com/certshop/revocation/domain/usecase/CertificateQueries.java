package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.port.CertificateListing;
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
    private final CertificateListing listing;
    private final RefundPolicy refundPolicy;
    private final Clock clock;

    public CertificateQueries(CertificateStore store, CertificateListing listing, RefundPolicy refundPolicy, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.listing = Objects.requireNonNull(listing);
        this.refundPolicy = Objects.requireNonNull(refundPolicy);
        this.clock = Objects.requireNonNull(clock);
    }

    public Page<CertificateView> list(AccountId account, CertificateQuery query) {
        Instant now = clock.instant();
        return listing.list(account, query).map(c -> CertificateView.of(c, refundPolicy, now));
    }

    /** The terms every application to revoke is made under: the CA's SLA and the reasons a customer may give. */
    public RevocationTerms terms() {
        return new RevocationTerms(refundPolicy.caSlaBusinessDays(), List.of(RevocationReason.values()));
    }

    public CertificateView get(AccountId account, CertificateId id) {
        return CertificateView.of(Transitions.visible(store, account, id), refundPolicy, clock.instant());
    }

    /** The PEM bundle, unless a revocation was ever submitted and did not lapse. */
    public Download download(AccountId account, CertificateId id) {
        Certificate certificate = Transitions.visible(store, account, id);
        Lifecycle.requireDownloadable(certificate);
        return new Download(certificate.commonName().replace('*', '_') + ".pem", certificate.pemBundle());
    }

    public List<AuditEvent> events(AccountId account, CertificateId id) {
        Transitions.visible(store, account, id);
        return store.events(account, id);
    }

    /** @param reasons the reasons a subscriber may choose, each with its RFC 5280 name, code and label */
    public record RevocationTerms(int caSlaBusinessDays, List<RevocationReason> reasons) {
    }

    /** A file to hand to the customer. */
    public record Download(String fileName, String pem) {
    }
}

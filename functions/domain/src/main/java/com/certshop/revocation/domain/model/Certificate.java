package com.certshop.revocation.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate in a customer's account. Immutable: {@link Lifecycle} derives each next state, and
 * a store writes it only if {@code status} and {@code version} are still what the transition saw.
 *
 * @param applicantEmail where confirmation mail and notices go; null only for UPLOADED certificates
 * @param orderId        the purchase this certificate came from; null for UPLOADED certificates
 * @param pricePaid      what the customer paid; null for UPLOADED certificates
 * @param revocation     the latest revocation attempt, or null if none was ever made
 * @param version        increases by one with every transition
 */
public record Certificate(
        CertificateId id,
        AccountId accountId,
        X509Details x509,
        ValidationType type,
        Origin origin,
        String applicantEmail,
        String orderId,
        Money pricePaid,
        CertificateStatus status,
        Revocation revocation,
        long version) {

    public Certificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(x509, "x509");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(status, "status");
        if (origin == Origin.ISSUED) {
            Objects.requireNonNull(applicantEmail, "applicantEmail");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(pricePaid, "pricePaid");
            if (status == CertificateStatus.UPLOADED) {
                throw new IllegalArgumentException("a certificate issued here cannot have status UPLOADED");
            }
        } else if (status != CertificateStatus.UPLOADED && status != CertificateStatus.DELETED) {
            throw new IllegalArgumentException("an uploaded certificate is UPLOADED or DELETED, not " + status);
        }
        if (status.revocationInProgress() && revocation == null) {
            throw new IllegalArgumentException(status + " needs a revocation");
        }
    }

    /**
     * A certificate bought here, as the order system hands it over (the PEM chain the CA issued,
     * leaf first): status ISSUED, version 1. Names, validity and serial come from the PEM.
     *
     * @throws IllegalArgumentException if {@code pemChain} is not an X.509 certificate chain
     */
    public static Certificate issued(CertificateId id, AccountId account, ValidationType type, String pemChain,
            String applicantEmail, String orderId, Money pricePaid) {
        return new Certificate(id, account, X509Details.parse(pemChain), type, Origin.ISSUED, applicantEmail,
                orderId, pricePaid, CertificateStatus.ISSUED, null, 1);
    }

    /**
     * A third-party certificate the customer stored here, read the same way: status UPLOADED, version 1.
     *
     * @throws IllegalArgumentException if {@code pemChain} is not an X.509 certificate chain
     */
    public static Certificate uploaded(CertificateId id, AccountId account, ValidationType type, String pemChain) {
        return new Certificate(id, account, X509Details.parse(pemChain), type, Origin.UPLOADED, null, null, null,
                CertificateStatus.UPLOADED, null, 1);
    }

    public String commonName() {
        return x509.commonName();
    }

    public List<String> subjectAlternativeNames() {
        return x509.subjectAlternativeNames();
    }

    /** When the certificate took effect (its notBefore): day 0 of the refund window. */
    public Instant issuedAt() {
        return x509.notBefore();
    }

    public Instant notAfter() {
        return x509.notAfter();
    }

    /** The PEM chain a download returns. */
    public String pemBundle() {
        return x509.pemChain();
    }

    /** Expired from {@code notAfter} on (RFC 5280 makes notAfter the last valid instant; we stay conservative). */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(notAfter());
    }

    public boolean belongsTo(AccountId account) {
        return accountId.equals(account);
    }

    public Optional<Revocation> latestRevocation() {
        return Optional.ofNullable(revocation);
    }

    /** True when the given attempt is the latest one and the certificate is in one of the given states. */
    public boolean isAt(int attempt, CertificateStatus... expected) {
        if (revocation == null || revocation.attempt() != attempt) {
            return false;
        }
        for (CertificateStatus s : expected) {
            if (status == s) {
                return true;
            }
        }
        return false;
    }

    Certificate next(CertificateStatus newStatus, Revocation newRevocation) {
        return new Certificate(id, accountId, x509, type, origin, applicantEmail, orderId, pricePaid, newStatus,
                newRevocation, version + 1);
    }
}

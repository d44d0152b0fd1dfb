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
        String commonName,
        List<String> subjectAlternativeNames,
        ValidationType type,
        Origin origin,
        Instant issuedAt,
        Instant notAfter,
        String applicantEmail,
        String orderId,
        Money pricePaid,
        String pemBundle,
        CertificateStatus status,
        Revocation revocation,
        long version) {

    public Certificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(commonName, "commonName");
        subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(pemBundle, "pemBundle");
        Objects.requireNonNull(status, "status");
        if (!notAfter.isAfter(issuedAt)) {
            throw new IllegalArgumentException("notAfter must be after issuedAt");
        }
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

    /** A certificate bought here, as the order system hands it over: status ISSUED, version 1. */
    public static Certificate issued(CertificateId id, AccountId account, String commonName, List<String> sans,
            ValidationType type, Instant issuedAt, Instant notAfter, String applicantEmail, String orderId,
            Money pricePaid, String pemBundle) {
        return new Certificate(id, account, commonName, sans, type, Origin.ISSUED, issuedAt, notAfter,
                applicantEmail, orderId, pricePaid, pemBundle, CertificateStatus.ISSUED, null, 1);
    }

    /** A third-party certificate the customer stored here: status UPLOADED, version 1. */
    public static Certificate uploaded(CertificateId id, AccountId account, String commonName, List<String> sans,
            ValidationType type, Instant issuedAt, Instant notAfter, String pemBundle) {
        return new Certificate(id, account, commonName, sans, type, Origin.UPLOADED, issuedAt, notAfter,
                null, null, null, pemBundle, CertificateStatus.UPLOADED, null, 1);
    }

    /** Expired from {@code notAfter} on (RFC 5280 makes notAfter the last valid instant; we stay conservative). */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(notAfter);
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
        return new Certificate(id, accountId, commonName, subjectAlternativeNames, type, origin, issuedAt, notAfter,
                applicantEmail, orderId, pricePaid, pemBundle, newStatus, newRevocation, version + 1);
    }
}

package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.Money;
import com.certshop.revocation.domain.model.ValidationType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Certificates for tests, valid for 397 days (the CA/B Forum maximum) unless said otherwise. */
public final class TestCertificates {
    public static final AccountId ACCOUNT_A = new AccountId("account-a");
    public static final AccountId ACCOUNT_B = new AccountId("account-b");
    public static final Duration VALIDITY = Duration.ofDays(397);
    public static final Money PRICE = Money.of(4900, "USD");

    private TestCertificates() {
    }

    public static Certificate issued(String id, ValidationType type, Instant issuedAt) {
        return issued(id, ACCOUNT_A, type, issuedAt, issuedAt.plus(VALIDITY));
    }

    public static Certificate issued(String id, AccountId account, ValidationType type, Instant issuedAt,
            Instant notAfter) {
        String name = id + ".example.com";
        return Certificate.issued(new CertificateId(id), account, name, List.of(name, "www." + name), type,
                issuedAt, notAfter, "admin@" + name, "order-" + id, PRICE, pem(id));
    }

    public static Certificate uploaded(String id, Instant issuedAt) {
        String name = id + ".example.org";
        return Certificate.uploaded(new CertificateId(id), ACCOUNT_A, name, List.of(name), ValidationType.DV,
                issuedAt, issuedAt.plus(VALIDITY), pem(id));
    }

    public static String pem(String id) {
        return "-----BEGIN CERTIFICATE-----\nMIIB" + id + "\n-----END CERTIFICATE-----\n";
    }
}

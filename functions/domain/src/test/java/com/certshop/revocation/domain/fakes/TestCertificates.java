package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.Money;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.local.issuer.ThrowawayIssuer;
import java.time.Duration;
import java.time.Instant;

/**
 * Certificates for tests: real X.509, issued by a throwaway root for {@code {id}.example.com} and
 * {@code www.{id}.example.com}, valid for 397 days (the CA/B Forum maximum) unless said otherwise.
 * X.509 keeps whole seconds, so give instants without fractions.
 */
public final class TestCertificates {
    public static final AccountId ACCOUNT_A = new AccountId("account-a");
    public static final AccountId ACCOUNT_B = new AccountId("account-b");
    public static final Duration VALIDITY = Duration.ofDays(397);
    public static final Money PRICE = Money.of(4900, "USD");
    public static final ThrowawayIssuer ISSUER = ThrowawayIssuer.create("Test CA");

    private TestCertificates() {
    }

    public static Certificate issued(String id, ValidationType type, Instant issuedAt) {
        return issued(id, ACCOUNT_A, type, issuedAt, issuedAt.plus(VALIDITY));
    }

    public static Certificate issued(String id, AccountId account, ValidationType type, Instant issuedAt,
            Instant notAfter) {
        String name = id + ".example.com";
        return Certificate.issued(new CertificateId(id), account, type, pem(issuedAt, notAfter, name, "www." + name),
                "admin@" + name, "order-" + id, PRICE);
    }

    public static Certificate uploaded(String id, Instant issuedAt) {
        return Certificate.uploaded(new CertificateId(id), ACCOUNT_A, ValidationType.DV,
                pem(issuedAt, issuedAt.plus(VALIDITY), id + ".example.org"));
    }

    /** A PEM chain (leaf, then the throwaway root) for the names, the first being the subject's CN. */
    public static String pem(Instant notBefore, Instant notAfter, String... names) {
        return ISSUER.issue(ThrowawayIssuer.Request.forNames(names).validBetween(notBefore, notAfter)).pemChain();
    }
}

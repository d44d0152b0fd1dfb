package com.certshop.revocation.bench;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.Money;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.local.LocalData;
import com.certshop.revocation.local.issuer.ThrowawayIssuer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The benches' certificates: N DV certificates of one account, all naming a subdomain of one
 * domain so that one selector takes them all (the scale run), and single ones of any type (the
 * startup run's OV certificate, whose revocation mails a link). Issued three days ago, so every
 * revocation is refund-eligible and the refund check has one refund per certificate to record.
 */
final class ScaleCertificates {
    static final AccountId ACCOUNT = new AccountId("account-scale");
    static final String DOMAIN = "scale.example";
    static final String APPLICANT = "pki@scale.example";
    private static final Duration AGE = Duration.ofDays(3);
    private static final Duration VALIDITY = Duration.ofDays(397);
    private static final Money PRICE = Money.of(4900, "USD");

    private ScaleCertificates() {
    }

    /** Adds {@code count} DV certificates ({@code scale-00001} ...) to the stack; returns their ids. */
    static List<CertificateId> seed(LocalData data, int count) {
        ThrowawayIssuer issuer = ThrowawayIssuer.create("Scale run CA");
        List<CertificateId> ids = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            ids.add(add(data, issuer, String.format("scale-%05d", i), ValidationType.DV));
        }
        return ids;
    }

    /** Adds one certificate of the given type under the given id (its common name: {@link #commonName}). */
    static CertificateId seedOne(LocalData data, String id, ValidationType type) {
        return add(data, ThrowawayIssuer.create("Scale run CA"), id, type);
    }

    static String commonName(CertificateId id) {
        return id.value() + "." + DOMAIN;
    }

    private static CertificateId add(LocalData data, ThrowawayIssuer issuer, String id, ValidationType type) {
        // X.509 keeps whole seconds.
        Instant issuedAt = Instant.now().minus(AGE).truncatedTo(ChronoUnit.SECONDS);
        CertificateId certificateId = new CertificateId(id);
        String pem = issuer.issue(ThrowawayIssuer.Request.forNames(commonName(certificateId))
                .validBetween(issuedAt, issuedAt.plus(VALIDITY))).pemChain();
        data.add(Certificate.issued(certificateId, ACCOUNT, type, pem, APPLICANT, "order-" + id, PRICE));
        return certificateId;
    }
}

package com.certshop.revocation.domain.model;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.error.ErrorCode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** States that cannot exist are refused at construction, so no rule has to guard against them. */
class ModelInvariantsTest {
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant T1 = Instant.parse("2027-11-02T10:00:00Z");
    private static final CertificateId ID = new CertificateId("c1");

    @ParameterizedTest
    @ValueSource(strings = {"", "-leading-dash", "has space", "slash/inside", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void malformedCertificateIdsNameNoCertificate(String value) {
        assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND, assertThrows(DomainException.class, () -> new CertificateId(value)).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a#b", "spaced out"})
    void accountIdsAreKeySafe(String value) {
        assertThrows(IllegalArgumentException.class, () -> new AccountId(value));
    }

    @Test
    void identityProviderSubjectsAreValidAccountIds() {
        assertEquals("auth0|5f7c8ec7c33c6c004bbafe82", new AccountId("auth0|5f7c8ec7c33c6c004bbafe82").value());
        assertEquals("7d9f2d5e-1b1f-4c43-8a53-6f2f5b0e9c11", new AccountId("7d9f2d5e-1b1f-4c43-8a53-6f2f5b0e9c11").toString());
    }

    @Test
    void aCertificateIsReadFromItsPemAndNothingElseIsAccepted() {
        IllegalArgumentException notPem = assertThrows(IllegalArgumentException.class, () -> Certificate.issued(ID,
                ACCOUNT_A, ValidationType.DV, "pem", "a@b", "o", Money.of(1, "USD")));
        assertTrue(notPem.getMessage().contains("no PEM certificate"), notPem.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Certificate.uploaded(ID, ACCOUNT_A, ValidationType.DV,
                "-----BEGIN CERTIFICATE-----\nMIIBnotreally\n-----END CERTIFICATE-----\n"));
    }

    @Test
    void statusAndOriginMustAgree() {
        X509Details x509 = X509Details.parse(TestCertificates.pem(T0, T1, "a.example"));
        assertThrows(IllegalArgumentException.class, () -> new Certificate(ID, ACCOUNT_A, x509,
                ValidationType.DV, Origin.ISSUED, "a@b", "o", Money.of(1, "USD"), CertificateStatus.UPLOADED, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new Certificate(ID, ACCOUNT_A, x509,
                ValidationType.DV, Origin.UPLOADED, null, null, null, CertificateStatus.REVOKED, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new Certificate(ID, ACCOUNT_A, x509,
                ValidationType.DV, Origin.ISSUED, "a@b", "o", Money.of(1, "USD"), CertificateStatus.REVOKING, null, 2));
    }

    @Test
    void aCertificateIssuedHereHasAnApplicantAnOrderAndAPrice() {
        assertThrows(NullPointerException.class, () -> Certificate.issued(ID, ACCOUNT_A, ValidationType.DV,
                TestCertificates.pem(T0, T1, "a.example"), null, "o", Money.of(1, "USD")));
    }

    @Test
    void refundClaimsAreConsistent() {
        assertThrows(IllegalArgumentException.class, () -> new RefundClaim(RefundOutlook.ELIGIBLE, T1,
                RefundStatus.NOT_ELIGIBLE, T1, null, T1, null));
        assertThrows(IllegalArgumentException.class, () -> new RefundClaim(RefundOutlook.ELIGIBLE, T1,
                RefundStatus.PENDING, T1, null, T1, null));
    }

    @Test
    void moneyIsNeverNegative() {
        assertThrows(IllegalArgumentException.class, () -> Money.of(-1, "EUR"));
        assertEquals(true, Money.of(0, "EUR").isZero());
    }

    @Test
    void actorsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> Actor.applicant(" "));
        assertEquals(new Actor(Actor.Kind.CUSTOMER, ACCOUNT_A.value()), Actor.customer(ACCOUNT_A, null));
    }
}

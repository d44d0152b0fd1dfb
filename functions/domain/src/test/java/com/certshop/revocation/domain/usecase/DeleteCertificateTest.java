package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_B;
import static com.certshop.revocation.domain.usecase.SubmitRevocationTest.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.CertificateQuery;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeleteCertificateTest {
    private static final Actor ALICE = Actor.customer(ACCOUNT_A, "alice");
    private static final Instant ISSUED_AT = Instant.parse("2026-11-02T10:00:00Z");
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");

    @Test
    void aDeletedCertificateIsGoneFromEveryViewOfItsOwner() {
        Certificate uploaded = h.add(TestCertificates.uploaded("up1", ISSUED_AT));
        h.delete.delete(ACCOUNT_A, uploaded.id(), ALICE);

        assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND, codeOf(() -> h.queries.get(ACCOUNT_A, uploaded.id())));
        assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND, codeOf(() -> h.queries.download(ACCOUNT_A, uploaded.id())));
        assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND, codeOf(() -> h.queries.events(ACCOUNT_A, uploaded.id())));
        assertTrue(h.queries.list(ACCOUNT_A, CertificateQuery.firstPage(10)).items().isEmpty());
        assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND, codeOf(() -> h.delete.delete(ACCOUNT_A, uploaded.id(), ALICE)));
        // The tombstone keeps the audit trail for the back office.
        assertEquals(EventType.CERTIFICATE_DELETED, h.store.events(ACCOUNT_A, uploaded.id()).get(1).type());
    }

    @Test
    void aValidCertificateMustBeRevokedFirst() {
        Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED_AT));
        assertEquals(ErrorCode.REVOKE_FIRST, codeOf(() -> h.delete.delete(ACCOUNT_A, dv.id(), ALICE)));
        assertEquals(CertificateStatus.ISSUED, h.reload(dv).status());

        h.clock.set(dv.notAfter());
        h.delete.delete(ACCOUNT_A, dv.id(), ALICE);
        assertEquals(CertificateStatus.DELETED, h.reload(dv).status());
    }

    @Test
    void anotherAccountsCertificateIsNotFoundAndStays() {
        Certificate uploaded = h.add(TestCertificates.uploaded("up1", ISSUED_AT));
        assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND,
                codeOf(() -> h.delete.delete(ACCOUNT_B, uploaded.id(), Actor.customer(ACCOUNT_B, "mallory"))));
        assertEquals(CertificateStatus.UPLOADED, h.reload(uploaded).status());
    }
}

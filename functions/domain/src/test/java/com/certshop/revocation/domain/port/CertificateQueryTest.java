package com.certshop.revocation.domain.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.ValidationType;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateQueryTest {

    @Test
    void defaultsToTwentyOfEverything() {
        CertificateQuery q = CertificateQuery.parse(null, " ", null, null, "");
        assertEquals(Optional.empty(), q.status());
        assertEquals(Optional.empty(), q.type());
        assertEquals(20, q.limit());
        assertNull(q.pageToken());
    }

    @Test
    void readsFiltersInAnyLetterCase() {
        CertificateQuery q = CertificateQuery.parse("revoking", "ev", null, "100", "abc");
        assertEquals(Optional.of(CertificateStatus.REVOKING), q.status());
        assertEquals(Optional.of(ValidationType.EV), q.type());
        assertEquals(100, q.limit());
        assertEquals("abc", q.pageToken());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-5", "ten", "2.5", "+5", "\u0665", "5\u0000", "\t5", "99999999999"})
    void refusesLimitsOutsideOneToOneHundred(String limit) {
        assertEquals(ErrorCode.INVALID_LIMIT, code(() -> CertificateQuery.parse(null, null, null, limit, null)));
    }

    @Test
    void refusesUnknownFiltersListingTheAllowedOnes() {
        DomainException status = assertThrows(DomainException.class, () -> CertificateQuery.parse("DELETED", null, null, null, null));
        assertEquals(ErrorCode.INVALID_STATUS_FILTER, status.code());
        assertTrue(status.allowedValues().contains("REVOKED"));
        assertTrue(!status.allowedValues().contains("DELETED"), "tombstones are never listed");
        DomainException type = assertThrows(DomainException.class, () -> CertificateQuery.parse(null, "XV", null, null, null));
        assertEquals(ErrorCode.INVALID_TYPE_FILTER, type.code());
        assertEquals(java.util.List.of("DV", "OV", "EV"), type.allowedValues());
    }

    @ParameterizedTest
    @ValueSource(strings = {"REVOKED\u0000", "\tREVOKED", "REVOKED\n", "revok\u0131ng", "REVOKED\u200b"})
    void aFilterWithControlOrLookAlikeCharactersIsNoFilter(String status) {
        assertEquals(ErrorCode.INVALID_STATUS_FILTER, code(() -> CertificateQuery.parse(status, null, null, null, null)));
        assertEquals(ErrorCode.INVALID_TYPE_FILTER, code(() -> CertificateQuery.parse(null, status.replace("REVOKED", "EV")
                .replace("revok\u0131ng", "\u0131v"), null, null, null)));
    }

    @Test
    void surroundingSpacesAreForgiven() {
        assertEquals(Optional.of(CertificateStatus.REVOKED), CertificateQuery.parse(" revoked ", null, null, null, null).status());
        assertEquals(5, CertificateQuery.parse(null, null, null, " 5 ", null).limit());
    }

    @Test
    void anUnknownFilterIsEchoedBounded() {
        DomainException e = assertThrows(DomainException.class,
                () -> CertificateQuery.parse("A".repeat(100_000), null, null, null, null));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    private static ErrorCode code(org.junit.jupiter.api.function.Executable action) {
        return assertThrows(DomainException.class, action).code();
    }
}

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
        CertificateQuery q = CertificateQuery.parse(null, " ", null, "");
        assertEquals(Optional.empty(), q.status());
        assertEquals(Optional.empty(), q.type());
        assertEquals(20, q.limit());
        assertNull(q.pageToken());
    }

    @Test
    void readsFiltersInAnyLetterCase() {
        CertificateQuery q = CertificateQuery.parse("revoking", "ev", "100", "abc");
        assertEquals(Optional.of(CertificateStatus.REVOKING), q.status());
        assertEquals(Optional.of(ValidationType.EV), q.type());
        assertEquals(100, q.limit());
        assertEquals("abc", q.pageToken());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-5", "ten", "2.5"})
    void refusesLimitsOutsideOneToOneHundred(String limit) {
        assertEquals(ErrorCode.INVALID_LIMIT, code(() -> CertificateQuery.parse(null, null, limit, null)));
    }

    @Test
    void refusesUnknownFiltersListingTheAllowedOnes() {
        DomainException status = assertThrows(DomainException.class, () -> CertificateQuery.parse("DELETED", null, null, null));
        assertEquals(ErrorCode.INVALID_STATUS_FILTER, status.code());
        assertTrue(status.allowedValues().contains("REVOKED"));
        assertTrue(!status.allowedValues().contains("DELETED"), "tombstones are never listed");
        DomainException type = assertThrows(DomainException.class, () -> CertificateQuery.parse(null, "XV", null, null));
        assertEquals(ErrorCode.INVALID_TYPE_FILTER, type.code());
        assertEquals(java.util.List.of("DV", "OV", "EV"), type.allowedValues());
    }

    private static ErrorCode code(org.junit.jupiter.api.function.Executable action) {
        return assertThrows(DomainException.class, action).code();
    }
}

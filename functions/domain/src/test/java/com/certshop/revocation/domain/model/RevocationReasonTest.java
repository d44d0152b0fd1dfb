package com.certshop.revocation.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RevocationReasonTest {

    @ParameterizedTest
    @CsvSource({
        "unspecified, UNSPECIFIED", "0, UNSPECIFIED",
        "keyCompromise, KEY_COMPROMISE", "1, KEY_COMPROMISE", "KEYCOMPROMISE, KEY_COMPROMISE",
        "affiliationChanged, AFFILIATION_CHANGED", "3, AFFILIATION_CHANGED",
        "superseded, SUPERSEDED", "4, SUPERSEDED", "' superseded ', SUPERSEDED",
        "cessationOfOperation, CESSATION_OF_OPERATION", "5, CESSATION_OF_OPERATION"})
    void acceptsTheFiveSubscriberReasonsByNameOrCode(String given, RevocationReason expected) {
        assertEquals(expected, RevocationReason.parse(given));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "6", "7", "8", "9", "10", "11", "-1", "01",
        "cACompromise", "certificateHold", "removeFromCRL", "privilegeWithdrawn", "aACompromise",
        "stolen", "key compromise", "KEY_COMPROMISE",
        // Only surrounding ASCII spaces are forgiven: trimming control characters would let these through.
        "keyCompromise\u0000", "\tsuperseded\n\u001f", "superseded\r\n", "\u00a0superseded", "superseded\u200b",
        "\t", "\u0000",
        // Non-ASCII letters that case-fold onto ASCII ones (Kelvin sign, dotless i) are not the names.
        "\u212aeyCompromise", "unspec\u0131fied", "+1", "\u0661"})
    void refusesEverythingElseListingTheAllowedValues(String given) {
        DomainException e = assertThrows(DomainException.class, () -> RevocationReason.parse(given));
        assertEquals(ErrorCode.INVALID_REASON, e.code());
        assertEquals(RevocationReason.allowedValues(), e.allowedValues());
        for (String allowed : List.of("unspecified (0)", "keyCompromise (1)", "affiliationChanged (3)",
                "superseded (4)", "cessationOfOperation (5)")) {
            assertTrue(e.getMessage().contains(allowed), e.getMessage());
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void aMissingReasonIsRequired(String given) {
        DomainException e = assertThrows(DomainException.class, () -> RevocationReason.parse(given));
        assertEquals(ErrorCode.REASON_REQUIRED, e.code());
        assertEquals(5, e.allowedValues().size());
    }

    @Test
    void anEchoedReasonIsBoundedAndShowsControlCharacters() {
        DomainException huge = assertThrows(DomainException.class, () -> RevocationReason.parse("x".repeat(1_000_000)));
        assertTrue(huge.getMessage().length() < 400, huge.getMessage().length() + " characters");
        assertTrue(huge.getMessage().contains("'" + "x".repeat(64) + "\u2026'"), huge.getMessage());
        DomainException nul = assertThrows(DomainException.class, () -> RevocationReason.parse("keyCompromise\u0000"));
        assertTrue(nul.getMessage().startsWith("'keyCompromise\\u0000'"), nul.getMessage());
    }

    @Test
    void codesAndNamesAreThoseOfRfc5280() {
        assertEquals(1, RevocationReason.KEY_COMPROMISE.code());
        assertEquals("cessationOfOperation", RevocationReason.CESSATION_OF_OPERATION.rfcName());
    }
}

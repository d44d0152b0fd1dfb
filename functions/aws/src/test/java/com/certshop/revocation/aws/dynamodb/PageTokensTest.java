package com.certshop.revocation.aws.dynamodb;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PageTokensTest {
    private static final List<String> POSITION = List.of("CERT#account-a#c7", "CERT", "ACCOUNT#account-a", "001762077600000#c7");
    private final PageTokens tokens = PageTokens.fromSecret("correct horse battery staple", new SecureRandom());

    @Test
    void aTokenOpensToItsPositionAndRevealsNothing() {
        String token = tokens.seal(ACCOUNT_A, "status=&type=DV&limit=20", POSITION);
        assertEquals(POSITION, tokens.open(token, ACCOUNT_A, "status=&type=DV&limit=20"));
        assertFalse(token.contains("account"), token);
        assertNotEquals(token, tokens.seal(ACCOUNT_A, "status=&type=DV&limit=20", POSITION), "fresh nonce each time");
    }

    @Test
    void aTokenDoesNotOpenForAnotherAccountListingOrKey() {
        String token = tokens.seal(ACCOUNT_A, "listing", POSITION);
        assertInvalid(() -> tokens.open(token, ACCOUNT_B, "listing"));
        assertInvalid(() -> tokens.open(token, ACCOUNT_A, "other listing"));
        assertInvalid(() -> PageTokens.fromSecret("another secret entirely", new SecureRandom()).open(token, ACCOUNT_A, "listing"));
    }

    @Test
    void tamperedOrMalformedTokensAreRefused() {
        String token = tokens.seal(ACCOUNT_A, "listing", POSITION);
        char flipped = token.charAt(20) == 'A' ? 'B' : 'A';
        assertInvalid(() -> tokens.open(token.substring(0, 20) + flipped + token.substring(21), ACCOUNT_A, "listing"));
        assertInvalid(() -> tokens.open("", ACCOUNT_A, "listing"));
        assertInvalid(() -> tokens.open("%%%", ACCOUNT_A, "listing"));
        assertInvalid(() -> tokens.open("AAAA", ACCOUNT_A, "listing"));
    }

    @Test
    void aShortSecretIsAConfigurationError() {
        assertThrows(IllegalStateException.class, () -> PageTokens.fromSecret("short", new SecureRandom()));
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable open) {
        assertEquals(ErrorCode.INVALID_PAGE_TOKEN, assertThrows(DomainException.class, open).code());
    }

    @Test
    void aSecretGivenOnFirstUseIsAskedForOnceWhenTheFirstTokenIsMade() {
        AtomicInteger reads = new AtomicInteger();
        PageTokens lazy = PageTokens.onFirstUse(() -> {
            reads.incrementAndGet();
            return "correct horse battery staple";
        }, new SecureRandom());
        assertEquals(0, reads.get(), "not read when built, that is before a SnapStart snapshot");

        String token = lazy.seal(ACCOUNT_A, "listing", POSITION);
        assertEquals(POSITION, lazy.open(token, ACCOUNT_A, "listing"));
        assertEquals(POSITION, tokens.open(token, ACCOUNT_A, "listing"), "the same key as from the secret itself");
        assertEquals(1, reads.get());
    }

    @Test
    void aSecretThatCouldNotBeReadIsAskedForAgainNextTime() {
        AtomicInteger reads = new AtomicInteger();
        PageTokens lazy = PageTokens.onFirstUse(() -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("simulated: Secrets Manager is unreachable");
            }
            return "correct horse battery staple";
        }, new SecureRandom());

        assertThrows(IllegalStateException.class, () -> lazy.seal(ACCOUNT_A, "listing", POSITION));
        assertEquals(POSITION, lazy.open(lazy.seal(ACCOUNT_A, "listing", POSITION), ACCOUNT_A, "listing"));
        assertEquals(2, reads.get());
    }
}

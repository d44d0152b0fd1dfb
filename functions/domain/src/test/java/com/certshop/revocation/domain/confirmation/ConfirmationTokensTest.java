package com.certshop.revocation.domain.confirmation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ConfirmationTokensTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    /** A "random" source that yields a fixed byte, so the token is known in advance. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte value;

        FixedRandom(int value) {
            this.value = (byte) value;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, value);
        }
    }

    @Test
    void aTokenIs256BitsFromTheRandomSourceAsUrlSafeText() {
        ConfirmationTokens.Issued issued = new ConfirmationTokens(new FixedRandom(0xFB), Duration.ofHours(72)).issue(NOW);
        String value = issued.token().value();
        assertEquals(43, value.length());
        assertTrue(value.matches("[A-Za-z0-9_-]+"), "URL-safe, no padding: " + value);
        byte[] decoded = Base64.getUrlDecoder().decode(value);
        assertEquals(32, decoded.length);
        assertEquals((byte) 0xFB, decoded[0]);
        assertTrue(value.contains("-") || value.contains("_"), "0xFB bytes exercise the URL-safe alphabet");
    }

    @Test
    void onlyTheSha256DigestIsKeptAndItMatchesAKnownVector() {
        ConfirmationTokens.Issued issued = new ConfirmationTokens(new FixedRandom(0), Duration.ofHours(1)).issue(NOW);
        assertEquals("A".repeat(43), issued.token().value());
        // sha256("A" * 43), computed independently.
        assertEquals("0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a", issued.digest().hex());
        assertEquals(issued.digest(), new ConfirmationToken("A".repeat(43)).digest());
    }

    @Test
    void aTokenExpiresAfterTheConfiguredValidity() {
        ConfirmationTokens tokens = new ConfirmationTokens(new SecureRandom(), Duration.ofHours(72));
        assertEquals(NOW.plus(Duration.ofHours(72)), tokens.issue(NOW).expiresAt());
        assertEquals(Duration.ofHours(72), tokens.validity());
        assertThrows(IllegalArgumentException.class, () -> new ConfirmationTokens(new SecureRandom(), Duration.ZERO));
    }

    @Test
    void tokensFromARealSourceDifferAndAreNeverPrinted() {
        ConfirmationTokens tokens = new ConfirmationTokens(new SecureRandom(), Duration.ofHours(1));
        ConfirmationToken a = tokens.issue(NOW).token();
        ConfirmationToken b = tokens.issue(NOW).token();
        assertNotEquals(a, b);
        assertFalse(a.toString().contains(a.value()));
    }

    @Test
    void malformedTokensAreAnsweredLikeUnknownOnes() {
        for (String bad : new String[] {null, "", "short", "A".repeat(44), "A".repeat(42) + "=", "A".repeat(42) + "/"}) {
            DomainException e = assertThrows(DomainException.class, () -> new ConfirmationToken(bad));
            assertEquals(ErrorCode.CONFIRMATION_NOT_FOUND, e.code());
        }
        assertThrows(IllegalArgumentException.class, () -> new TokenDigest("not-hex"));
    }
}

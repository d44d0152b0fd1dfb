package com.certshop.revocation.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local JWT authorizer accepts exactly what the HTTP API's JWT authorizer would, and nothing more. */
class JwtAuthorityTest {
    private static final String ISSUER = "http://127.0.0.1:8080/local";
    private static final String AUDIENCE = "certshop-local";
    private static final Instant NOW = Instant.parse("2026-11-10T10:00:00Z");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final MovableClock clock = new MovableClock();
    private final JwtAuthority authority = new JwtAuthority(ISSUER, AUDIENCE, clock);

    private Optional<Map<String, String>> verify(String token) {
        return authority.verify("Bearer " + token);
    }

    private Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", "account-a");
        claims.put("iat", NOW.getEpochSecond());
        claims.put("exp", NOW.getEpochSecond() + 3600);
        return claims;
    }

    private String signed(Map<String, Object> claims) {
        return authority.sign(Map.of("alg", "RS256", "typ", "JWT"), claims);
    }

    @Test
    void aTokenItIssuedIsAcceptedWithItsClaimsAsStrings() {
        Map<String, String> claims = verify(authority.issue("account-a", "alice@corp.example", Duration.ofHours(1))).orElseThrow();
        assertEquals("account-a", claims.get("sub"));
        assertEquals("alice@corp.example", claims.get("email"));
        assertEquals(String.valueOf(NOW.getEpochSecond() + 3600), claims.get("exp"));
        assertTrue(authority.verify("bearer " + authority.issue("account-a", null, Duration.ofHours(1))).isPresent(),
                "the scheme is case-insensitive");
    }

    @Test
    void anExpiredTokenIsRefusedFromItsExpiryOn() {
        String token = authority.issue("account-a", null, Duration.ofMinutes(5));
        clock.now = NOW.plusSeconds(299);
        assertTrue(verify(token).isPresent());
        clock.now = NOW.plusSeconds(300);
        assertEquals(Optional.empty(), verify(token));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        Map<String, Object> claims = claims();
        claims.remove("exp");
        assertEquals(Optional.empty(), verify(signed(claims)));
        claims.put("exp", "never");
        assertEquals(Optional.empty(), verify(signed(claims)));
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        Map<String, Object> claims = claims();
        claims.put("nbf", NOW.getEpochSecond() + 60);
        assertEquals(Optional.empty(), verify(signed(claims)));
        clock.now = NOW.plusSeconds(60);
        assertTrue(verify(signed(claims)).isPresent());
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        Map<String, Object> claims = claims();
        claims.put("iat", NOW.getEpochSecond() + 60);
        assertEquals(Optional.empty(), verify(signed(claims)));
        claims.put("nbf", "soon");
        claims.put("iat", NOW.getEpochSecond());
        assertEquals(Optional.empty(), verify(signed(claims)), "a time claim must be a number");
    }

    @Test
    void theAudienceMustBeOurs() {
        Map<String, Object> claims = claims();
        claims.put("aud", "another-api");
        assertEquals(Optional.empty(), verify(signed(claims)));
        claims.put("aud", List.of("another-api"));
        assertEquals(Optional.empty(), verify(signed(claims)));
        claims.remove("aud");
        assertEquals(Optional.empty(), verify(signed(claims)));
        claims.put("aud", List.of("another-api", AUDIENCE));
        assertTrue(verify(signed(claims)).isPresent(), "one of several audiences is enough");
    }

    @Test
    void theIssuerMustBeOurs() {
        Map<String, Object> claims = claims();
        claims.put("iss", "https://evil.example/");
        assertEquals(Optional.empty(), verify(signed(claims)));
        claims.put("iss", ISSUER + "/");
        assertEquals(Optional.empty(), verify(signed(claims)));
        claims.remove("iss");
        assertEquals(Optional.empty(), verify(signed(claims)));
    }

    @Test
    void algNoneAndOtherAlgorithmsAreRefused() {
        String claims = B64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"account-a\",\"exp\":"
                + (NOW.getEpochSecond() + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        for (String alg : List.of("none", "None", "HS256", "RS512", "ES256")) {
            String header = B64.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8));
            assertEquals(Optional.empty(), verify(header + "." + claims + "."), alg);
            assertEquals(Optional.empty(), verify(header + "." + claims + ".c2ln"), alg);
        }
        // A correct signature under a header that names another algorithm is no better.
        assertEquals(Optional.empty(), verify(authority.sign(Map.of("alg", "none"), claims())));
    }

    @Test
    void aCriticalHeaderExtensionItDoesNotKnowIsRefused() {
        assertEquals(Optional.empty(), verify(authority.sign(Map.of("alg", "RS256", "crit", List.of("exp2"), "exp2", 1), claims())));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        JwtAuthority other = new JwtAuthority(ISSUER, AUDIENCE, clock);
        assertEquals(Optional.empty(), verify(other.issue("account-a", null, Duration.ofHours(1))));
        // Nor does another key's signature under our header and claims pass.
        String ours = authority.issue("account-a", null, Duration.ofHours(1));
        String theirs = other.issue("account-a", null, Duration.ofHours(1));
        assertEquals(Optional.empty(), verify(ours.substring(0, ours.lastIndexOf('.')) + theirs.substring(theirs.lastIndexOf('.'))));
    }

    @Test
    void changedClaimsBreakTheSignature() {
        String token = authority.issue("account-a", null, Duration.ofHours(1));
        String[] parts = token.split("\\.");
        String forged = B64.encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("account-a", "account-b").getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), verify(parts[0] + "." + forged + "." + parts[2]));
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "=", "==", ".x", "x", " x", "\u0000", "..", "%3D"})
    void bytesAfterTheTokenAreRefused(String trailing) {
        String token = authority.issue("account-a", null, Duration.ofHours(1));
        assertTrue(verify(token).isPresent());
        assertEquals(Optional.empty(), verify(token + trailing), "token + '" + trailing + "'");
    }

    @Test
    void claimsWithTrailingDataOrDuplicateNamesAreRefusedEvenWhenSigned() {
        String header = "{\"alg\":\"RS256\"}";
        String good = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"account-a\",\"exp\":"
                + (NOW.getEpochSecond() + 3600) + "}";
        assertTrue(verify(authority.sign(header, good)).isPresent());
        assertEquals(Optional.empty(), verify(authority.sign(header, good + " {\"sub\":\"account-b\"}")));
        assertEquals(Optional.empty(), verify(authority.sign(header, good.replace("}", ",\"sub\":\"account-b\"}"))));
    }

    @Test
    void malformedHeadersAreRefused() {
        String token = authority.issue("account-a", null, Duration.ofHours(1));
        assertEquals(Optional.empty(), authority.verify(null));
        assertEquals(Optional.empty(), authority.verify(token));
        assertEquals(Optional.empty(), authority.verify("Basic " + token));
        assertEquals(Optional.empty(), verify(""));
        assertEquals(Optional.empty(), verify("a.b"));
        assertEquals(Optional.empty(), verify("a.b.c.d"));
        assertEquals(Optional.empty(), verify(token.replace('.', ',')));
    }

    private static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

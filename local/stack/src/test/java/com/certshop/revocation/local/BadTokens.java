package com.certshop.revocation.local;

import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.local.host.JwtAuthority;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens by the kind names the bad-input corpus uses: Alice's and Bob's valid ones, and
 * every kind the authorizer must refuse. Where only a claim is wrong (expired, another audience),
 * the local authority itself signs it, so that the claim alone is what gets it refused.
 */
final class BadTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private BadTokens() {
    }

    static Map<String, String> of(EmulatedStack stack) {
        String alice = stack.issueToken(TestCertificates.ACCOUNT_A.value(), "alice@corp.example");
        Map<String, Object> claims = claimsOf(alice);
        long now = Instant.now().getEpochSecond();
        Map<String, Object> rs256 = Map.of("alg", "RS256", "typ", "JWT");
        Map<String, Object> none = Map.of("alg", "none", "typ", "JWT");

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("alice", alice);
        tokens.put("bob", stack.issueToken(TestCertificates.ACCOUNT_B.value(), "bob@other.example"));
        tokens.put("algNone", part(none) + "." + part(claims) + ".");
        tokens.put("algNoneSigned", stack.signToken(none, claims));
        tokens.put("hs256", hmacSigned(claims));
        tokens.put("otherKey", new JwtAuthority(String.valueOf(claims.get("iss")), String.valueOf(claims.get("aud")),
                Clock.systemUTC()).issue(TestCertificates.ACCOUNT_A.value(), "alice@corp.example", Duration.ofHours(1)));
        tokens.put("expired", stack.signToken(rs256, with(claims, "iat", now - 7200, "exp", now - 3600)));
        tokens.put("notYetValid", stack.signToken(rs256, with(claims, "nbf", now + 3600)));
        tokens.put("issuedInFuture", stack.signToken(rs256, with(claims, "iat", now + 3600)));
        tokens.put("noExpiry", stack.signToken(rs256, with(claims, "exp", null)));
        tokens.put("wrongAudience", stack.signToken(rs256, with(claims, "aud", "another-api")));
        tokens.put("audienceList", stack.signToken(rs256, with(claims, "aud", List.of("another-api", "certshop"))));
        tokens.put("wrongIssuer", stack.signToken(rs256, with(claims, "iss", "https://evil.example/")));
        tokens.put("issuerSlash", stack.signToken(rs256, with(claims, "iss", claims.get("iss") + "/")));
        tokens.put("trailingBytes", alice + ".");
        String[] parts = alice.split("\\.");
        tokens.put("tampered", parts[0] + "." + part(with(claims, "sub", TestCertificates.ACCOUNT_B.value())) + "." + parts[2]);
        tokens.put("critical", stack.signToken(Map.of("alg", "RS256", "crit", List.of("exp2"), "exp2", 1), claims));
        // Valid to the authorizer; the function finds no account in them.
        tokens.put("noSubject", stack.signToken(rs256, with(claims, "sub", null)));
        tokens.put("badSubject", stack.signToken(rs256, with(claims, "sub", "account-a#CERT")));
        return tokens;
    }

    private static Map<String, Object> claimsOf(String token) {
        try {
            return JSON.std.mapFrom(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The claims with some replaced, in name, value pairs; a null value removes the claim. */
    private static Map<String, Object> with(Map<String, Object> claims, Object... changes) {
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                changed.remove(changes[i].toString());
            } else {
                changed.put(changes[i].toString(), changes[i + 1]);
            }
        }
        return changed;
    }

    /** HS256 under a guessed secret: the algorithm confusion an RS256 verifier must not fall for. */
    private static String hmacSigned(Map<String, Object> claims) {
        String input = part(Map.of("alg", "HS256", "typ", "JWT")) + "." + part(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One part of a compact JWS: the JSON, base64url without padding. */
    private static String part(Map<String, Object> value) {
        try {
            return B64.encodeToString(JSON.std.asBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

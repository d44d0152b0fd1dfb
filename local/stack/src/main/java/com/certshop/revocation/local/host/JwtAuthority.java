package com.certshop.revocation.local.host;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stand-in for the customers' identity provider and for the HTTP API's JWT authorizer:
 * issues RS256 tokens with a key made at start-up, and accepts a bearer token only if the
 * signature is its own, the issuer and audience are the configured ones and it has not expired.
 */
public final class JwtAuthority {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final KeyPair keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    public JwtAuthority(String issuer, String audience, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** A signed access token for {@code subject}, valid for {@code lifetime}. */
    public String issue(String subject, String email, Duration lifetime) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", subject);
        if (email != null) {
            claims.put("email", email);
        }
        claims.put("iat", now);
        claims.put("exp", now + lifetime.toSeconds());
        try {
            String signingInput = part(Map.of("alg", "RS256", "typ", "JWT")) + "." + part(claims);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + ENCODER.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The claims of a valid {@code Authorization: Bearer} header, as strings the way API Gateway
     * hands them to a function; empty when the header is missing or the token is not valid.
     */
    public Optional<Map<String, String>> verify(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String[] parts = authorizationHeader.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Map<String, Object> header = JSON.std.mapFrom(DECODER.decode(parts[0]));
            if (!"RS256".equals(header.get("alg"))) {
                return Optional.empty();
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(keys.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            Map<String, Object> claims = JSON.std.mapFrom(DECODER.decode(parts[1]));
            long now = clock.instant().getEpochSecond();
            boolean audienceMatches = claims.get("aud") instanceof List<?> list ? list.contains(audience)
                    : audience.equals(claims.get("aud"));
            if (!issuer.equals(claims.get("iss")) || !audienceMatches || !(claims.get("exp") instanceof Number exp)
                    || exp.longValue() <= now || claims.get("nbf") instanceof Number nbf && nbf.longValue() > now) {
                return Optional.empty();
            }
            Map<String, String> asStrings = new LinkedHashMap<>();
            claims.forEach((k, v) -> asStrings.put(k, String.valueOf(v)));
            return Optional.of(asStrings);
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static String part(Map<String, Object> json) {
        try {
            return ENCODER.encodeToString(JSON.std.asBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.certshop.revocation.local.host;

import com.fasterxml.jackson.core.JsonParser;
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
import java.util.regex.Pattern;

/**
 * The local stand-in for the customers' identity provider and for the HTTP API's JWT authorizer:
 * issues RS256 tokens with a key made at start-up, and accepts a bearer token only if the
 * signature is its own, the issuer and audience are the configured ones and it has not expired
 * (nor is it valid only later).
 */
public final class JwtAuthority {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

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
        return sign(Map.of("alg", "RS256", "typ", "JWT"), claims);
    }

    /** A token with exactly this header and these claims, signed with this authority's key (tests build odd ones). */
    public String sign(Map<String, Object> header, Map<String, Object> claims) {
        return sign(json(header), json(claims));
    }

    /** As {@link #sign(Map, Map)}, with the header's and the claims' JSON text as given. */
    String sign(String headerJson, String claimsJson) {
        try {
            String signingInput = ENCODER.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                    + ENCODER.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
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
        String token = authorizationHeader.substring(7).strip();
        // Three parts of unpadded base64url and nothing else: split(".") would drop a trailing
        // empty part ("a.b.c." passed) and the JDK's URL decoder accepts '=' padding, so bytes
        // after the signature were ignored.
        if (!COMPACT_JWS.matcher(token).matches()) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        try {
            Map<String, Object> header = object(DECODER.decode(parts[0]));
            // RS256 only ("none" and HMAC with the public key are the classic forgeries), and no
            // critical extension this verifier would not understand (RFC 7515, 4.1.11).
            if (!"RS256".equals(header.get("alg")) || header.containsKey("crit")) {
                return Optional.empty();
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(keys.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            Map<String, Object> claims = object(DECODER.decode(parts[1]));
            long now = clock.instant().getEpochSecond();
            boolean audienceMatches = claims.get("aud") instanceof List<?> list ? list.contains(audience)
                    : audience.equals(claims.get("aud"));
            // As the HTTP API's JWT authorizer: exp required and in the future, nbf and iat (when
            // present) not in the future.
            if (!issuer.equals(claims.get("iss")) || !audienceMatches || !(claims.get("exp") instanceof Number exp)
                    || exp.longValue() <= now || notNumberOrAfter(claims.get("nbf"), now)
                    || notNumberOrAfter(claims.get("iat"), now)) {
                return Optional.empty();
            }
            Map<String, String> asStrings = new LinkedHashMap<>();
            claims.forEach((k, v) -> asStrings.put(k, String.valueOf(v)));
            return Optional.of(asStrings);
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** True when an optional time claim is there but is no number, or is later than {@code now}. */
    private static boolean notNumberOrAfter(Object claim, long now) {
        return claim != null && (!(claim instanceof Number n) || n.longValue() > now);
    }

    /** One JSON object and nothing after it; duplicate names are refused (jackson-jr's default). */
    private static Map<String, Object> object(byte[] json) throws IOException {
        try (JsonParser parser = JSON.std.createParser(json)) {
            Map<String, Object> object = JSON.std.mapFrom(parser);
            if (object == null || parser.nextToken() != null) {
                throw new IOException("not exactly one JSON object");
            }
            return object;
        }
    }

    private static String json(Map<String, Object> json) {
        try {
            return JSON.std.asString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

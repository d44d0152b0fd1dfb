package com.certshop.revocation.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tells a request sent by whoever holds a shared secret from any other, as the Standard Webhooks
 * specification (standardwebhooks.com, version 1) signs one, so that a CA or any library written
 * to it can call us without code of ours: headers {@code webhook-id}, {@code webhook-timestamp}
 * (Unix seconds) and {@code webhook-signature} (space-separated {@code v1,<base64>} entries, so a
 * sender can sign with an old and a new secret while it rotates), each entry an HMAC-SHA256 of
 * {@code <id>.<timestamp>.<body>} under the secret's bytes. The secret is base64, written with or
 * without the {@code whsec_} prefix.
 *
 * <p>A signature more than {@link #TOLERANCE} from now either way is refused, which bounds how
 * long a captured request can be replayed. The secret is read when first needed, never before a
 * SnapStart snapshot, and again after {@link #SECRET_KEPT_FOR}, or sooner when a delivery matches
 * nothing (a secret rotated under us: at most once per {@link #RECHECK_AFTER}). A read that fails
 * while a secret is at hand keeps that one: a passing hiccup of the secret store must not refuse
 * callbacks that are signed right.
 *
 * <p>The body is read (at most 64 KiB, strictly UTF-8, as every route reads it) before the
 * signature is compared, so an oversized or undecodable body is refused for that, signed or not;
 * for a body that decodes, the text hashed is exactly the bytes sent.
 */
public final class WebhookSignature {
    /** How far a signature's timestamp may be from now, as the specification recommends. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** How long a secret read from its store is used before it is read again. */
    static final Duration SECRET_KEPT_FOR = Duration.ofMinutes(5);
    /** The least time between two reads of the secret prompted by deliveries that match nothing. */
    static final Duration RECHECK_AFTER = Duration.ofSeconds(30);
    private static final String PREFIX = "whsec_";
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    /** Ids are short (the specification's examples are 30 characters); this bounds what is hashed. */
    private static final int MAX_ID_LENGTH = 256;

    private final Supplier<String> secret;
    private final Clock clock;
    private byte[] key;
    private Instant keyReadAt;

    /** @param secret reads the shared secret from where it is kept (once per {@link #SECRET_KEPT_FOR}) */
    public WebhookSignature(Supplier<String> secret, Clock clock) {
        this.secret = Objects.requireNonNull(secret);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * @throws Invalid naming what is wrong: a header missing or malformed, a timestamp out of
     *         tolerance, or no signature that matches
     */
    public void verify(HttpRequest request) {
        String id = required(request, "webhook-id");
        String timestamp = required(request, "webhook-timestamp");
        String signatures = required(request, "webhook-signature");
        if (id.length() > MAX_ID_LENGTH) {
            throw new Invalid("webhook-id must be at most " + MAX_ID_LENGTH + " characters.");
        }
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            throw new Invalid("webhook-timestamp must be the time of signing in Unix seconds.");
        }
        Instant now = clock.instant();
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
            throw new Invalid("webhook-timestamp is more than " + TOLERANCE.toMinutes()
                    + " minutes from now: sign each delivery when it is sent, with a synchronised clock.");
        }
        String body = request.body();
        byte[] atHand = key(now, false);
        if (matches(atHand, id, timestamp, body, signatures)) {
            return;
        }
        // Hashed again only with a secret read anew, not with the same one.
        byte[] reread = key(now, true);
        if (reread != atHand && matches(reread, id, timestamp, body, signatures)) {
            return;
        }
        throw new Invalid("No v1 entry of webhook-signature matches the delivery: sign \"<webhook-id>.<webhook-timestamp>"
                + ".<body>\" with HMAC-SHA256 under the shared secret.");
    }

    /**
     * The base64 HMAC-SHA256 of {@code <id>.<timestamp>.<body>}: what follows {@code v1,} in the
     * {@code webhook-signature} header.
     */
    public static String sign(byte[] key, String id, String timestamp, String body) {
        return Base64.getEncoder().encodeToString(mac(key, id, timestamp, body));
    }

    private static byte[] mac(byte[] key, String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The key a secret as written ({@code whsec_<base64>} or just the base64) stands for. */
    public static byte[] keyOf(String secret) {
        String base64 = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The webhook secret is not base64 (optionally after whsec_)", e);
        }
    }

    private static boolean matches(byte[] key, String id, String timestamp, String body, String signatures) {
        byte[] expected = mac(key, id, timestamp, body);
        for (String entry : signatures.split(" ")) {
            if (entry.startsWith("v1,") && MessageDigest.isEqual(expected, decodedOrEmpty(entry.substring(3)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The key to check with: the one at hand, read again once it is {@link #SECRET_KEPT_FOR} old, or
     * {@link #RECHECK_AFTER} old when {@code nothingMatched}.
     */
    private synchronized byte[] key(Instant now, boolean nothingMatched) {
        Duration keptFor = nothingMatched ? RECHECK_AFTER : SECRET_KEPT_FOR;
        if (key == null || !now.isBefore(keyReadAt.plus(keptFor))) {
            try {
                key = keyOf(secret.get());
            } catch (RuntimeException e) {
                if (key == null) {
                    throw e;
                }
            }
            keyReadAt = now;
        }
        return key;
    }

    private static byte[] decodedOrEmpty(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static String required(HttpRequest request, String header) {
        return request.header(header).filter(v -> !v.isBlank())
                .orElseThrow(() -> new Invalid("The " + header + " header is required: deliveries are signed as Standard"
                        + " Webhooks specifies."));
    }

    /** A request that does not carry a valid signature: answered 401 INVALID_SIGNATURE. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }
}

package com.certshop.revocation.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.certshop.revocation.domain.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    /** The example the Standard Webhooks project publishes with its libraries: interoperability, not just symmetry. */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP)).plusSeconds(3));
    private final AtomicInteger secretReads = new AtomicInteger();
    private String storedSecret = SECRET;
    private final WebhookSignature signature = new WebhookSignature(() -> {
        secretReads.incrementAndGet();
        return storedSecret;
    }, clock);

    private static HttpRequest delivery(String id, String timestamp, String signatures, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (id != null) {
            headers.put("webhook-id", id);
        }
        if (timestamp != null) {
            headers.put("webhook-timestamp", timestamp);
        }
        if (signatures != null) {
            headers.put("webhook-signature", signatures);
        }
        return new HttpRequest(APIGatewayV2HTTPEvent.builder().withHeaders(headers).withBody(body).build());
    }

    private String refusal(HttpRequest request) {
        return assertThrows(WebhookSignature.Invalid.class, () -> signature.verify(request)).getMessage();
    }

    @Test
    void theSpecificationsPublishedExampleIsAccepted() {
        assertEquals(SIGNATURE.substring(3), WebhookSignature.sign(WebhookSignature.keyOf(SECRET), ID, TIMESTAMP, BODY));
        assertDoesNotThrow(() -> signature.verify(delivery(ID, TIMESTAMP, SIGNATURE, BODY)));
    }

    @Test
    void anyMatchingEntryOfSeveralIsEnoughSoASenderCanRotateItsSecret() {
        assertDoesNotThrow(() -> signature.verify(delivery(ID, TIMESTAMP, "v1,b2xkIHNlY3JldA== " + SIGNATURE, BODY)));
        assertDoesNotThrow(() -> signature.verify(delivery(ID, TIMESTAMP, "v1a,whatever " + SIGNATURE, BODY)),
                "an entry of a scheme we do not know is skipped");
    }

    @Test
    void aSecretWithoutItsPrefixIsTheSameSecret() {
        storedSecret = SECRET.substring("whsec_".length());
        assertDoesNotThrow(() -> signature.verify(delivery(ID, TIMESTAMP, SIGNATURE, BODY)));
    }

    @Test
    void aChangedBodyIdOrTimestampOrAnotherSecretIsRefused() {
        assertTrue(refusal(delivery(ID, TIMESTAMP, SIGNATURE, "{\"test\": 2432232315}")).startsWith("No v1 entry"));
        assertTrue(refusal(delivery(ID + "x", TIMESTAMP, SIGNATURE, BODY)).startsWith("No v1 entry"));
        assertTrue(refusal(delivery(ID, "1614265331", SIGNATURE, BODY)).startsWith("No v1 entry"));
        assertTrue(refusal(delivery(ID, TIMESTAMP, "v1,not base64!", BODY)).startsWith("No v1 entry"));
        assertTrue(refusal(delivery(ID, TIMESTAMP, SIGNATURE.replace("v1,", "v2,"), BODY)).startsWith("No v1 entry"));
        WebhookSignature another = new WebhookSignature(() -> "whsec_" + "A".repeat(32), clock);
        assertThrows(WebhookSignature.Invalid.class, () -> another.verify(delivery(ID, TIMESTAMP, SIGNATURE, BODY)));
    }

    @Test
    void aSignatureOlderOrNewerThanFiveMinutesIsRefusedSoACapturedDeliveryCannotBeReplayedLater() {
        clock.set(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP)).plus(Duration.ofMinutes(5)));
        assertDoesNotThrow(() -> signature.verify(delivery(ID, TIMESTAMP, SIGNATURE, BODY)));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(refusal(delivery(ID, TIMESTAMP, SIGNATURE, BODY)).contains("more than 5 minutes from now"));
        clock.set(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP)).minus(Duration.ofMinutes(5)).minusSeconds(1));
        assertTrue(refusal(delivery(ID, TIMESTAMP, SIGNATURE, BODY)).contains("more than 5 minutes from now"));
    }

    @Test
    void missingOrMalformedHeadersAreNamed() {
        assertTrue(refusal(delivery(null, TIMESTAMP, SIGNATURE, BODY)).contains("webhook-id header is required"));
        assertTrue(refusal(delivery(ID, null, SIGNATURE, BODY)).contains("webhook-timestamp header is required"));
        assertTrue(refusal(delivery(ID, TIMESTAMP, null, BODY)).contains("webhook-signature header is required"));
        assertTrue(refusal(delivery(ID, " ", SIGNATURE, BODY)).contains("webhook-timestamp header is required"));
        for (String timestamp : new String[] {"1614265330.5", "-1614265330", "2021-02-25T15:02:10Z", "9".repeat(13)}) {
            assertTrue(refusal(delivery(ID, timestamp, SIGNATURE, BODY)).contains("Unix seconds"), timestamp);
        }
        assertTrue(refusal(delivery("m".repeat(257), TIMESTAMP, SIGNATURE, BODY)).contains("at most 256"));
        assertEquals(0, secretReads.get(), "nothing is hashed, and the secret not read, for a delivery that cannot be valid");
    }

    @Test
    void theSecretIsReadOnFirstUseAndAgainAfterFiveMinutesToTakeUpARotation() {
        signature.verify(delivery(ID, TIMESTAMP, SIGNATURE, BODY));
        signature.verify(delivery(ID, TIMESTAMP, SIGNATURE, BODY));
        assertEquals(1, secretReads.get());

        storedSecret = "whsec_" + "B".repeat(32);
        clock.advance(Duration.ofMinutes(5));
        String now = Long.toString(clock.instant().getEpochSecond());
        String rotated = "v1," + WebhookSignature.sign(WebhookSignature.keyOf(storedSecret), ID, now, BODY);
        assertDoesNotThrow(() -> signature.verify(delivery(ID, now, rotated, BODY)));
        assertEquals(2, secretReads.get());
    }

    private HttpRequest signedNow(String secret) {
        String now = Long.toString(clock.instant().getEpochSecond());
        return delivery(ID, now, "v1," + WebhookSignature.sign(WebhookSignature.keyOf(secret), ID, now, BODY), BODY);
    }

    @Test
    void aDeliveryThatMatchesNothingHasTheSecretReadAgainAtMostEveryThirtySecondsSoARotationIsTakenUpSooner() {
        signature.verify(delivery(ID, TIMESTAMP, SIGNATURE, BODY));
        storedSecret = "whsec_" + "C".repeat(32);
        clock.advance(Duration.ofSeconds(31));

        assertDoesNotThrow(() -> signature.verify(signedNow(storedSecret)), "the rotated secret, read again");
        assertEquals(2, secretReads.get());
        assertThrows(WebhookSignature.Invalid.class, () -> signature.verify(signedNow(SECRET)));
        assertEquals(2, secretReads.get(), "forged deliveries cannot make it read the secret store on every request");
    }

    @Test
    void aSecretStoreThatFailsWhenTheSecretIsReadAgainLeavesTheSecretAtHandInUse() {
        signature.verify(delivery(ID, TIMESTAMP, SIGNATURE, BODY));
        WebhookSignature failing = new WebhookSignature(new java.util.function.Supplier<>() {
            private boolean first = true;

            @Override
            public String get() {
                if (first) {
                    first = false;
                    return SECRET;
                }
                throw new IllegalStateException("Secrets Manager is throttling");
            }
        }, clock);
        failing.verify(delivery(ID, TIMESTAMP, SIGNATURE, BODY));
        clock.advance(Duration.ofMinutes(5));

        assertDoesNotThrow(() -> failing.verify(signedNow(SECRET)));
    }
}

package com.certshop.revocation.local;

import com.certshop.revocation.http.WebhookSignature;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The CA's side of {@code POST /ca/callbacks}: deliveries signed as a Standard Webhooks sender
 * signs them, with the callback secret the stack made (as a CA would be given it), or another.
 */
final class CaCallbackSender {
    static final String PATH = "/ca/callbacks";
    private final String secret;

    CaCallbackSender(EmulatedStack stack) {
        String arn = stack.functionEnvironment("CaCallbackFunction").get("CA_CALLBACK_SECRET_ARN");
        try (SecretsManagerClient secrets = EmulatedStack.client(SecretsManagerClient.builder(), stack.motoEndpoint())) {
            this.secret = "whsec_" + secrets.getSecretValue(r -> r.secretId(arn)).secretString();
        }
    }

    /** The stack's callback secret as the CA is given it ({@code whsec_…}). */
    String secret() {
        return secret;
    }

    /** The headers of a delivery of {@code body} signed now with the stack's secret. */
    Map<String, String> signed(String body) {
        return signed(body, Instant.now(), secret);
    }

    /** The headers of a delivery of {@code body} signed at {@code signedAt} with {@code secret} ({@code whsec_…}). */
    static Map<String, String> signed(String body, Instant signedAt, String secret) {
        String id = "msg_" + UUID.randomUUID();
        String timestamp = Long.toString(signedAt.getEpochSecond());
        return Map.of("webhook-id", id, "webhook-timestamp", timestamp,
                "webhook-signature", "v1," + WebhookSignature.sign(WebhookSignature.keyOf(secret), id, timestamp, body));
    }
}

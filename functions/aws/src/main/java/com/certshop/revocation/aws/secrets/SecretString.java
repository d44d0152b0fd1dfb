package com.certshop.revocation.aws.secrets;

import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The text of one Secrets Manager secret, read from Secrets Manager each time it is asked for. It
 * keeps nothing: whoever asks keeps what it derives from the secret, for as long as it needs it.
 * Taking the secret from Secrets Manager at run time, instead of from an environment variable that
 * CloudFormation resolved, keeps it out of the function's configuration (and, read after a SnapStart
 * restore, out of the snapshot).
 */
public final class SecretString implements Supplier<String> {
    /** Built on first use (AwsClients.lazily): a function path that reads no secret never builds it. */
    private final Supplier<SecretsManagerClient> secrets;
    private final String secretId;

    /** @param secretId the secret's ARN, as the function's grant names it */
    public SecretString(Supplier<SecretsManagerClient> secrets, String secretId) {
        this.secrets = secrets;
        this.secretId = secretId;
    }

    @Override
    public String get() {
        String value = secrets.get().getSecretValue(r -> r.secretId(secretId)).secretString();
        if (value == null) {
            throw new IllegalStateException("Secret " + secretId + " holds no text (a binary secret cannot be used here)");
        }
        return value;
    }
}

package com.certshop.revocation.aws.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.Emulators;
import com.certshop.revocation.aws.testing.MotoExtension;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** A secret read by its ARN from moto's Secrets Manager, as the list function reads its page token secret. */
@ExtendWith(MotoExtension.class)
class SecretStringIT {
    private final SecretsManagerClient secrets;

    SecretStringIT(AwsEmulator moto) {
        secrets = SecretsManagerClient.builder().endpointOverride(moto.endpoint()).region(Emulators.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void readsTheSecretsTextByItsArnEachTimeItIsAsked() {
        String arn = secrets.createSecret(r -> r.name("page-tokens-" + UUID.randomUUID()).secretString("first value")).arn();
        SecretString secret = new SecretString(() -> secrets, arn);

        assertEquals("first value", secret.get());
        secrets.putSecretValue(r -> r.secretId(arn).secretString("rotated value"));
        assertEquals("rotated value", secret.get(), "nothing is kept: whoever asks keeps what it needs");
    }

    @Test
    void aBinarySecretIsAConfigurationErrorThatDoesNotEchoIt() {
        String arn = secrets.createSecret(r -> r.name("binary-" + UUID.randomUUID())
                .secretBinary(SdkBytes.fromUtf8String("hidden"))).arn();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SecretString(() -> secrets, arn).get());
        assertFalse(e.getMessage().contains("hidden"), e.getMessage());
    }
}

package com.certshop.revocation.aws.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.Emulators;
import com.certshop.revocation.aws.testing.MotoExtension;
import com.certshop.revocation.domain.fakes.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The confirmation links' base URL, as the stack writes it to Parameter Store, read from moto. */
@ExtendWith(MotoExtension.class)
class PublicApiBaseUrlIT {
    private final AwsEmulator moto;

    PublicApiBaseUrlIT(AwsEmulator moto) {
        this.moto = moto;
    }

    @Test
    void theConfirmPageIsUnderTheBaseUrlTheStackWroteReadWhenFirstAskedForAndAgainWhenOld() {
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "test"));
        System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "test"));
        String name = "/stack-" + UUID.randomUUID() + "/public-api-base-url";
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
        PublicApiBaseUrl url = new PublicApiBaseUrl(new AwsClients(new Environment(Map.of(
                AwsClients.AWS_REGION, Emulators.REGION.id(), AwsClients.AWS_ENDPOINT_URL, moto.endpoint().toString()))), name,
                clock);

        // Written after the function started: it is read on first use, not at start-up.
        SsmClient ssm = SsmClient.builder().endpointOverride(moto.endpoint()).region(Emulators.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        ssm.putParameter(r -> r.name(name).type(ParameterType.STRING).value("https://abc123.execute-api.us-east-1.amazonaws.com/"));

        assertEquals(URI.create("https://abc123.execute-api.us-east-1.amazonaws.com/revocations/confirm"), url.get());

        // A custom domain set up later reaches a warm function once the value it read is old enough.
        ssm.putParameter(r -> r.name(name).type(ParameterType.STRING).overwrite(true).value("https://revoke.example.com"));
        assertEquals(URI.create("https://abc123.execute-api.us-east-1.amazonaws.com/revocations/confirm"), url.get());
        clock.advance(PublicApiBaseUrl.FRESH_FOR);
        assertEquals(URI.create("https://revoke.example.com/revocations/confirm"), url.get());
    }
}

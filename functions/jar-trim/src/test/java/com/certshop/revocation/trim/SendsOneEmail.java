package com.certshop.revocation.trim;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** A function that calls one SES operation, as the trimmed jar's only caller; run in a class loader of its own. */
public final class SendsOneEmail {
    private SendsOneEmail() {
    }

    /** Sends one mail through SES at {@code endpoint}; returns its message id. */
    public static String send(URI endpoint) {
        try (SesV2Client ses = SesV2Client.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            return ses.sendEmail(r -> r.fromEmailAddress("shop@example.com")
                    .destination(d -> d.toAddresses("applicant@example.com"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("Revoked")).body(b -> b.text(t -> t.data("Done"))))))
                    .messageId();
        }
    }
}

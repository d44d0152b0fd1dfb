package com.certshop.revocation.aws.testing;

import com.certshop.revocation.aws.dynamodb.CertificateTable;
import com.certshop.revocation.local.moto.MotoServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * One moto server for the whole test run, started on first use on a free port and stopped when
 * JUnit finishes; clients for it; and a fresh table for each test class, so tests never share data.
 */
public final class Moto {
    public static final Region REGION = Region.US_EAST_1;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private Moto() {
    }

    /** The shared server; the first caller starts it, JUnit closes it with the root store, at the end of the run. */
    public static MotoServer server(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("moto-server", k -> MotoServer.start(), MotoServer.class);
    }

    public static DynamoDbClient dynamo(MotoServer server) {
        return DynamoDbClient.builder().endpointOverride(server.endpoint()).region(REGION)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SesV2Client ses(MotoServer server) {
        return SesV2Client.builder().endpointOverride(server.endpoint()).region(REGION)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SfnClient sfn(MotoServer server) {
        return SfnClient.builder().endpointOverride(server.endpoint()).region(REGION)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates the service's table under a name no other test uses. */
    public static String newTable(DynamoDbClient dynamo) {
        String name = "certificates-" + UUID.randomUUID();
        dynamo.createTable(CertificateTable.createRequest(name));
        dynamo.updateTimeToLive(CertificateTable.enableTtlRequest(name));
        return name;
    }

    /** moto's record of everything it holds, including sent mail ({@code ses.Message}). */
    public static String data(MotoServer server) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint().resolve("/moto-api/data.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

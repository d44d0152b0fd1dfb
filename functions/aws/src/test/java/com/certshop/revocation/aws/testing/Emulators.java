package com.certshop.revocation.aws.testing;

import com.certshop.revocation.aws.dynamodb.CertificateTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Clients for an emulator, and a fresh table for each test class so tests never share data. */
public final class Emulators {
    public static final Region REGION = Region.US_EAST_1;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private Emulators() {
    }

    public static DynamoDbClient dynamo(AwsEmulator aws) {
        return DynamoDbClient.builder().endpointOverride(aws.endpoint()).region(REGION)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SesV2Client ses(AwsEmulator aws) {
        return SesV2Client.builder().endpointOverride(aws.endpoint()).region(REGION)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SfnClient sfn(AwsEmulator aws) {
        return SfnClient.builder().endpointOverride(aws.endpoint()).region(REGION)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates the service's table under a name no other test uses. */
    public static String newTable(DynamoDbClient dynamo) {
        String name = "certificates-" + UUID.randomUUID();
        dynamo.createTable(CertificateTable.createRequest(name));
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(name));
        dynamo.updateTimeToLive(CertificateTable.enableTtlRequest(name));
        return name;
    }

    /** GET a text resource of an emulator's own API. */
    static String get(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

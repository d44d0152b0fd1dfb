package com.certshop.revocation.aws.dynamodb;

import com.certshop.revocation.aws.ca.SimulatedCertificateAuthority;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The adapters that live in the table, sharing one DynamoDB client per function. */
public final class DynamoDbAdapters {
    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String PAGE_TOKEN_SECRET = "PAGE_TOKEN_SECRET";

    private final Environment env;
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbAdapters(Environment env, AwsClients clients) {
        this.env = env;
        this.dynamo = clients.build(DynamoDbClient.builder());
        this.table = env.require(TABLE_NAME);
    }

    /** The store for functions that read and change certificates but never list them. */
    public DynamoDbCertificateStore certificateStore() {
        return new DynamoDbCertificateStore(dynamo, table, null);
    }

    /** The store for the list function, which seals page tokens with the configured secret. */
    public DynamoDbCertificateStore listingCertificateStore() {
        return new DynamoDbCertificateStore(dynamo, table,
                PageTokens.fromSecret(env.require(PAGE_TOKEN_SECRET), new SecureRandom()));
    }

    public DynamoDbConfirmationStore confirmationStore() {
        return new DynamoDbConfirmationStore(dynamo, table);
    }

    public DynamoDbRefundLedger refundLedger(Clock clock) {
        return new DynamoDbRefundLedger(dynamo, table, clock);
    }

    /** The stand-in CA, whose state lives in this table. */
    public SimulatedCertificateAuthority simulatedCertificateAuthority(Clock clock, Duration delay) {
        return new SimulatedCertificateAuthority(dynamo, table, clock, delay);
    }
}

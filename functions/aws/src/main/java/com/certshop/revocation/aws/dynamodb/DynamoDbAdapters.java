package com.certshop.revocation.aws.dynamodb;

import com.certshop.revocation.aws.ca.SimulatedCertificateAuthority;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.telemetry.Telemetry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The adapters that live in the table, sharing one DynamoDB client per function. */
public final class DynamoDbAdapters {
    public static final String TABLE_NAME = "TABLE_NAME";
    /**
     * The ARN of the Secrets Manager secret the list function seals page tokens with. The function
     * reads the secret itself, so its value is in neither the template's resolved configuration
     * nor the function's environment.
     */
    public static final String PAGE_TOKEN_SECRET_ARN = "PAGE_TOKEN_SECRET_ARN";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbAdapters(Environment env, AwsClients clients) {
        this.dynamo = clients.build(DynamoDbClient.builder());
        this.table = env.require(TABLE_NAME);
        // Every function has a table: its namespace is read here, once, with the rest of its configuration.
        Telemetry.configure(env);
    }

    public DynamoDbCertificateStore certificateStore() {
        return new DynamoDbCertificateStore(dynamo, table);
    }

    /**
     * The listing, for the list function, which seals page tokens with a key derived from
     * {@code pageTokenSecret}, read on the first listing, and nonces drawn from {@code random}.
     */
    public DynamoDbCertificateListing certificateListing(Supplier<String> pageTokenSecret, SecureRandom random) {
        return new DynamoDbCertificateListing(dynamo, table, PageTokens.onFirstUse(pageTokenSecret, random));
    }

    public DynamoDbConfirmationStore confirmationStore() {
        return new DynamoDbConfirmationStore(dynamo, table);
    }

    public DynamoDbBatchStore batchStore() {
        return new DynamoDbBatchStore(dynamo, table);
    }

    public DynamoDbRefundLedger refundLedger(Clock clock) {
        return new DynamoDbRefundLedger(dynamo, table, clock);
    }

    /** The stand-in CA, whose state lives in this table. */
    public SimulatedCertificateAuthority simulatedCertificateAuthority(Clock clock, Duration delay) {
        return new SimulatedCertificateAuthority(dynamo, table, clock, delay);
    }
}

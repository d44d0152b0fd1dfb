package com.certshop.revocation.aws.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The one table's shape: key names, indexes and the TTL attribute. template.yaml declares the same
 * table (a check in the build compares the two); the local stack and the tests create it from here.
 *
 * <pre>
 * item                 pk                          sk              gsi1 (list)          gsi2 (refunds due)
 * certificate          CERT#{account}#{id}         CERT            ACCOUNT#{account}    REFUND_PENDING (only while
 *                                                                  {issuedAt}#{id}      {dueAt}#{account}#{id} pending)
 *                      gsi3 (stuck-revocation sweep): IN_PROGRESS#{shard}, {requestedAt}#{account}#{id}, only while a
 *                      revocation is in progress
 *                      gsi4 (CA check): CA_CHECK#{shard}, {nextCheckAt}#{account}#{id}, only while REVOKING waits for the CA
 *                      gsi5 (CA callback): CA_SERIAL#{serial number}, {account}#{id}, only while REVOKING waits for the CA
 * audit event          CERT#{account}#{id}         EVENT#{seq}
 * confirmation link    CONFIRMATION#{sha256}       CONFIRMATION                                              (ttl)
 * refund paid          REFUND#{idempotency key}    REFUND
 * simulated CA request CA#{request id}             CA
 * simulated CA script  CA_SCRIPT#{certificate id}  CA_SCRIPT
 * </pre>
 */
public final class CertificateTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String LIST_INDEX = "gsi1";
    public static final String LIST_PK = "gsi1pk";
    public static final String LIST_SK = "gsi1sk";
    /** Not a key: the lower-case names a listing's search matches, on the items of the listing index only. */
    public static final String SEARCH_NAMES = "searchNames";
    public static final String REFUNDS_DUE_INDEX = "gsi2";
    public static final String REFUNDS_DUE_PK = "gsi2pk";
    public static final String REFUNDS_DUE_SK = "gsi2sk";
    public static final String IN_PROGRESS_INDEX = "gsi3";
    public static final String IN_PROGRESS_PK = "gsi3pk";
    public static final String IN_PROGRESS_SK = "gsi3sk";
    public static final String CA_CHECK_INDEX = "gsi4";
    public static final String CA_CHECK_PK = "gsi4pk";
    public static final String CA_CHECK_SK = "gsi4sk";
    public static final String CA_SERIAL_INDEX = "gsi5";
    public static final String CA_SERIAL_PK = "gsi5pk";
    public static final String CA_SERIAL_SK = "gsi5sk";
    /** Epoch seconds after which DynamoDB may delete the item (confirmation links). */
    public static final String TTL = "ttl";

    private CertificateTable() {
    }

    /** The table as template.yaml defines it, for the emulators. */
    public static CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string(PK), string(SK), string(LIST_PK), string(LIST_SK), string(REFUNDS_DUE_PK), string(REFUNDS_DUE_SK),
                        string(IN_PROGRESS_PK), string(IN_PROGRESS_SK), string(CA_CHECK_PK), string(CA_CHECK_SK),
                        string(CA_SERIAL_PK), string(CA_SERIAL_SK))
                .keySchema(hash(PK), range(SK))
                .globalSecondaryIndexes(
                        index(LIST_INDEX, LIST_PK, LIST_SK),
                        index(REFUNDS_DUE_INDEX, REFUNDS_DUE_PK, REFUNDS_DUE_SK),
                        index(IN_PROGRESS_INDEX, IN_PROGRESS_PK, IN_PROGRESS_SK),
                        index(CA_CHECK_INDEX, CA_CHECK_PK, CA_CHECK_SK),
                        index(CA_SERIAL_INDEX, CA_SERIAL_PK, CA_SERIAL_SK))
                .build();
    }

    /** Switches on expiry by the {@link #TTL} attribute, as template.yaml's TimeToLiveSpecification does. */
    public static UpdateTimeToLiveRequest enableTtlRequest(String tableName) {
        return UpdateTimeToLiveRequest.builder().tableName(tableName)
                .timeToLiveSpecification(t -> t.attributeName(TTL).enabled(true)).build();
    }

    /** Index names with their hash and range key attributes, in template order. */
    public static List<List<String>> indexes() {
        return List.of(List.of(LIST_INDEX, LIST_PK, LIST_SK), List.of(REFUNDS_DUE_INDEX, REFUNDS_DUE_PK, REFUNDS_DUE_SK),
                List.of(IN_PROGRESS_INDEX, IN_PROGRESS_PK, IN_PROGRESS_SK), List.of(CA_CHECK_INDEX, CA_CHECK_PK, CA_CHECK_SK),
                List.of(CA_SERIAL_INDEX, CA_SERIAL_PK, CA_SERIAL_SK));
    }

    private static GlobalSecondaryIndex index(String name, String hash, String range) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(hash(hash), range(range))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}

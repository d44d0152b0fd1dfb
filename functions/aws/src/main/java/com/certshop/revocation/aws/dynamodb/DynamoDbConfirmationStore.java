package com.certshop.revocation.aws.dynamodb;

import static com.certshop.revocation.aws.dynamodb.Attributes.enumValue;
import static com.certshop.revocation.aws.dynamodb.Attributes.instant;
import static com.certshop.revocation.aws.dynamodb.Attributes.n;
import static com.certshop.revocation.aws.dynamodb.Attributes.requireS;

import com.certshop.revocation.domain.confirmation.PendingConfirmation;
import com.certshop.revocation.domain.confirmation.TokenDigest;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.port.ConfirmationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Confirmation links by token digest. DynamoDB's TTL removes an item a week after it expires:
 * long enough that a late click still gets "this link expired" rather than "unknown link".
 */
public final class DynamoDbConfirmationStore implements ConfirmationStore {
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(7);
    private static final String SK_VALUE = "CONFIRMATION";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbConfirmationStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void save(PendingConfirmation c) {
        Map<String, AttributeValue> item = Attributes.item()
                .s(CertificateTable.PK, partition(c.digest()))
                .s(CertificateTable.SK, SK_VALUE)
                .s("accountId", c.accountId().value())
                .s("certificateId", c.certificateId().value())
                .n("attempt", c.attempt())
                .s("expiresAt", c.expiresAt())
                .s("usedAt", c.usedAt())
                .s("answer", c.answer())
                .n(CertificateTable.TTL, c.expiresAt().plus(KEEP_AFTER_EXPIRY).getEpochSecond())
                .build();
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Optional<PendingConfirmation> find(TokenDigest digest) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(digest)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PendingConfirmation(digest, new AccountId(requireS(item, "accountId")),
                new CertificateId(requireS(item, "certificateId")), (int) n(item, "attempt"),
                instant(item, "expiresAt"), instant(item, "usedAt"),
                enumValue(item, "answer", PendingConfirmation.Answer::valueOf)));
    }

    @Override
    public boolean markUsed(TokenDigest digest, Instant at, PendingConfirmation.Answer answer) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(digest))
                    .updateExpression("SET usedAt = :at, answer = :answer")
                    // Single use: the first writer wins, every later one fails the condition.
                    .conditionExpression("attribute_exists(" + CertificateTable.PK + ") AND attribute_not_exists(usedAt)")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()),
                            ":answer", AttributeValue.fromS(answer.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static String partition(TokenDigest digest) {
        return "CONFIRMATION#" + digest.hex();
    }

    private static Map<String, AttributeValue> key(TokenDigest digest) {
        return Map.of(CertificateTable.PK, AttributeValue.fromS(partition(digest)),
                CertificateTable.SK, AttributeValue.fromS(SK_VALUE));
    }
}

package com.certshop.revocation.local;

import com.certshop.revocation.domain.model.Certificate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A stored certificate damaged as no version of the code wrote it, so that reading it fails. */
final class UnreadableItem {
    private UnreadableItem() {
    }

    /** Gives the item a validation type that does not exist; it stays in its indexes, but cannot be read. */
    static void make(DynamoDbClient dynamo, String table, Certificate certificate) {
        dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("CERT#" + certificate.accountId() + "#" + certificate.id()),
                        "sk", AttributeValue.fromS("CERT")))
                .updateExpression("SET #type = :unknown")
                .expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(Map.of(":unknown", AttributeValue.fromS("XV"))));
    }
}

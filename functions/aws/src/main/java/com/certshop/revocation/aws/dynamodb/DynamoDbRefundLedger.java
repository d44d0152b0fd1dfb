package com.certshop.revocation.aws.dynamodb;

import com.certshop.revocation.domain.port.RefundLedger;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Records each refund owed, once per idempotency key, in the table. The billing system pays from
 * these records (its integration is outside this service); what matters here is that a repeated
 * settlement can never record a second refund for the same revocation.
 */
public final class DynamoDbRefundLedger implements RefundLedger {
    private static final String SK_VALUE = "REFUND";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbRefundLedger(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public String refund(Order order) {
        String reference = "rf_" + UUID.randomUUID();
        Map<String, AttributeValue> item = Attributes.item()
                .s(CertificateTable.PK, partition(order.idempotencyKey()))
                .s(CertificateTable.SK, SK_VALUE)
                .s("reference", reference)
                .s("accountId", order.accountId().value())
                .s("certificateId", order.certificateId().value())
                .s("orderId", order.orderId())
                .n("amountMinorUnits", order.amount().minorUnits())
                .s("currency", order.amount().currency().getCurrencyCode())
                .s("recordedAt", clock.instant())
                .build();
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(" + CertificateTable.PK + ")"));
            return reference;
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            return Attributes.requireS(dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of(CertificateTable.PK, AttributeValue.fromS(partition(order.idempotencyKey())),
                            CertificateTable.SK, AttributeValue.fromS(SK_VALUE)))).item(), "reference");
        }
    }

    private static String partition(String idempotencyKey) {
        return "REFUND#" + idempotencyKey;
    }
}

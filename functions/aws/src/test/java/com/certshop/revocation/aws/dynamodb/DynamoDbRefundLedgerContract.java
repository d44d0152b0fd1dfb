package com.certshop.revocation.aws.dynamodb;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.Emulators;
import com.certshop.revocation.domain.fakes.MutableClock;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.Money;
import com.certshop.revocation.domain.port.RefundLedger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

abstract class DynamoDbRefundLedgerContract {
    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbRefundLedger ledger;

    DynamoDbRefundLedgerContract(AwsEmulator aws) {
        dynamo = Emulators.dynamo(aws);
        table = Emulators.newTable(dynamo);
        ledger = new DynamoDbRefundLedger(dynamo, table, MutableClock.at("2026-11-12T10:00:00Z"));
    }

    private static RefundLedger.Order order(String key) {
        return new RefundLedger.Order(key, ACCOUNT_A, new CertificateId("dv1"), "order-dv1", Money.of(4900, "USD"));
    }

    @Test
    void theSameKeyRecordsOneRefundAndReturnsItsReferenceAgain() {
        String first = ledger.refund(order("revocation-refund/dv1/attempt-1"));
        String again = ledger.refund(order("revocation-refund/dv1/attempt-1"));
        String other = ledger.refund(order("revocation-refund/dv1/attempt-2"));

        assertEquals(first, again);
        assertNotEquals(first, other);
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("REFUND#revocation-refund/dv1/attempt-1"), "sk", AttributeValue.fromS("REFUND")))).item();
        assertEquals("4900", item.get("amountMinorUnits").n());
        assertEquals("USD", item.get("currency").s());
        assertEquals("order-dv1", item.get("orderId").s());
        assertEquals("2026-11-12T10:00:00Z", item.get("recordedAt").s());
    }
}

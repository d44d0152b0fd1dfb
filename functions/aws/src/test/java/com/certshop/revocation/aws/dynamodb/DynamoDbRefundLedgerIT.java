package com.certshop.revocation.aws.dynamodb;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The DynamoDB refund ledger against moto. */
@ExtendWith(MotoExtension.class)
class DynamoDbRefundLedgerIT extends DynamoDbRefundLedgerContract {
    DynamoDbRefundLedgerIT(AwsEmulator moto) {
        super(moto);
    }
}

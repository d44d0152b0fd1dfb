package com.certshop.revocation.aws.dynamodb;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The DynamoDB confirmation store against moto. */
@ExtendWith(MotoExtension.class)
class DynamoDbConfirmationStoreIT extends DynamoDbConfirmationStoreContract {
    DynamoDbConfirmationStoreIT(AwsEmulator moto) {
        super(moto);
    }
}

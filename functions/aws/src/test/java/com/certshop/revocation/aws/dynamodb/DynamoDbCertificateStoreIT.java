package com.certshop.revocation.aws.dynamodb;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The DynamoDB certificate store against moto. */
@ExtendWith(MotoExtension.class)
class DynamoDbCertificateStoreIT extends DynamoDbCertificateStoreContract {
    DynamoDbCertificateStoreIT(AwsEmulator moto) {
        super(moto);
    }
}

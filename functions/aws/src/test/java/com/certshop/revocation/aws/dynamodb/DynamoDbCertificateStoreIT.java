package com.certshop.revocation.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The DynamoDB certificate store against moto. */
@ExtendWith(MotoExtension.class)
class DynamoDbCertificateStoreIT extends DynamoDbCertificateStoreContract {
    DynamoDbCertificateStoreIT(AwsEmulator moto) {
        super(moto);
    }

    /**
     * moto 5.2.1 ignores TransactWriteItems' ClientRequestToken: the repeat is run again and fails
     * its condition, so on moto it reads as a lost race where DynamoDB would answer success. When
     * this fails, moto has learnt the token and the contract can expect success everywhere.
     */
    @Test
    void motoIgnoresTheClientRequestToken() {
        assertFalse(sendTheSameTransitionTwice());
    }
}

package com.certshop.revocation.aws.dynamodb;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The DynamoDB confirmation store against LocalStack; skipped where there is no Docker. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(LocalStackExtension.class)
class DynamoDbConfirmationStoreOnLocalStackIT extends DynamoDbConfirmationStoreContract {
    DynamoDbConfirmationStoreOnLocalStackIT(AwsEmulator localStack) {
        super(localStack);
    }
}

package com.certshop.revocation.aws.dynamodb;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The DynamoDB certificate store against LocalStack; skipped where there is no Docker. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(LocalStackExtension.class)
class DynamoDbCertificateStoreOnLocalStackIT extends DynamoDbCertificateStoreContract {
    DynamoDbCertificateStoreOnLocalStackIT(AwsEmulator localStack) {
        super(localStack);
    }
}

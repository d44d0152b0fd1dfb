package com.certshop.revocation.aws;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The use cases over the real adapters against LocalStack; skipped where there is no Docker. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(LocalStackExtension.class)
class UseCasesOverAwsOnLocalStackIT extends UseCasesOverAwsContract {
    UseCasesOverAwsOnLocalStackIT(AwsEmulator localStack) {
        super(localStack);
    }
}

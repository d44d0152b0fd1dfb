package com.certshop.revocation.aws.stepfunctions;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The Step Functions client against LocalStack; skipped where there is no Docker. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(LocalStackExtension.class)
class StepFunctionsRevocationWorkflowOnLocalStackIT extends StepFunctionsRevocationWorkflowContract {
    StepFunctionsRevocationWorkflowOnLocalStackIT(AwsEmulator localStack) {
        super(localStack);
    }
}

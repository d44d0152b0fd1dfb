package com.certshop.revocation.aws.stepfunctions;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Step Functions client against moto. */
@ExtendWith(MotoExtension.class)
class StepFunctionsRevocationWorkflowIT extends StepFunctionsRevocationWorkflowContract {
    StepFunctionsRevocationWorkflowIT(AwsEmulator moto) {
        super(moto);
    }
}

package com.certshop.revocation.aws.ses;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The SES mailer against LocalStack; skipped where there is no Docker. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(LocalStackExtension.class)
class SesMailerOnLocalStackIT extends SesMailerContract {
    SesMailerOnLocalStackIT(AwsEmulator localStack) {
        super(localStack);
    }
}

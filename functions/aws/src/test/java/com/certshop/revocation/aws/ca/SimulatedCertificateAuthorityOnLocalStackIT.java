package com.certshop.revocation.aws.ca;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The simulated CA against LocalStack; skipped where there is no Docker. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(LocalStackExtension.class)
class SimulatedCertificateAuthorityOnLocalStackIT extends SimulatedCertificateAuthorityContract {
    SimulatedCertificateAuthorityOnLocalStackIT(AwsEmulator localStack) {
        super(localStack);
    }
}

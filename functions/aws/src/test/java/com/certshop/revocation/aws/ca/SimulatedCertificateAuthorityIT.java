package com.certshop.revocation.aws.ca;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The simulated CA against moto. */
@ExtendWith(MotoExtension.class)
class SimulatedCertificateAuthorityIT extends SimulatedCertificateAuthorityContract {
    SimulatedCertificateAuthorityIT(AwsEmulator moto) {
        super(moto);
    }
}

package com.certshop.revocation.aws;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The use cases over the real adapters against moto. */
@ExtendWith(MotoExtension.class)
class UseCasesOverAwsIT extends UseCasesOverAwsContract {
    UseCasesOverAwsIT(AwsEmulator moto) {
        super(moto);
    }
}

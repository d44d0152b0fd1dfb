package com.certshop.revocation.aws.ses;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SES mailer against moto. */
@ExtendWith(MotoExtension.class)
class SesMailerIT extends SesMailerContract {
    SesMailerIT(AwsEmulator moto) {
        super(moto);
    }
}

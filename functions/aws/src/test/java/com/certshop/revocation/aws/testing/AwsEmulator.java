package com.certshop.revocation.aws.testing;

import java.net.URI;

/** An AWS emulator the adapter tests run against: moto always, LocalStack where Docker exists. */
public interface AwsEmulator {

    /** The one endpoint that serves DynamoDB, SES and Step Functions. */
    URI endpoint();

    /** Everything the emulator knows about sent mail, as text a test can search for subjects and links. */
    String sentMail();
}

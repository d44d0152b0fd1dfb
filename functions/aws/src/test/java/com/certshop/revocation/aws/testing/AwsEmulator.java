package com.certshop.revocation.aws.testing;

import java.net.URI;
import java.util.function.Supplier;

/** An AWS emulator the adapter tests run against: moto always, LocalStack where Docker exists. */
public interface AwsEmulator {

    /** The one endpoint that serves DynamoDB, SES and Step Functions. */
    URI endpoint();

    /** Everything the emulator knows about sent mail, as text a test can search for subjects and links. */
    String sentMail();

    /** An emulator at {@code endpoint} that lists sent mail at {@code mailPath} of its own API. */
    static AwsEmulator at(Supplier<URI> endpoint, String mailPath) {
        return new AwsEmulator() {
            @Override
            public URI endpoint() {
                return endpoint.get();
            }

            @Override
            public String sentMail() {
                return Emulators.get(endpoint.get().resolve(mailPath));
            }
        };
    }
}

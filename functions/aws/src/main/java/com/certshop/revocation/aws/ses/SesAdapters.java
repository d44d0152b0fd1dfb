package com.certshop.revocation.aws.ses;

import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import java.net.URI;
import java.time.ZoneId;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The mailer as a function configures it. */
public final class SesAdapters {
    /** A verified SES identity the mail comes from. */
    public static final String SENDER_EMAIL = "SENDER_EMAIL";
    /**
     * The API's public base URL, which the links in confirmation mail point to. Only the workflow
     * function writes that mail and has it: the API's own functions cannot, since the API depends on
     * them and its URL in their configuration would be a cycle.
     */
    public static final String PUBLIC_API_BASE_URL = "PUBLIC_API_BASE_URL";

    private SesAdapters() {
    }

    /** The mailer of a function that writes confirmation links: the workflow's. */
    public static SesMailer linkingMailer(Environment env, AwsClients clients, ZoneId businessZone) {
        URI confirmPage = URI.create(env.require(PUBLIC_API_BASE_URL).replaceAll("/+$", "") + "/revocations/confirm");
        return mailer(env, clients, () -> confirmPage, businessZone);
    }

    /** The mailer of a function that only notifies: it has no base URL to write a confirmation link with. */
    public static SesMailer mailer(Environment env, AwsClients clients, ZoneId businessZone) {
        return mailer(env, clients, () -> {
            throw new IllegalStateException("only the workflow function, which has " + PUBLIC_API_BASE_URL
                    + ", writes confirmation links");
        }, businessZone);
    }

    private static SesMailer mailer(Environment env, AwsClients clients, Supplier<URI> confirmPage, ZoneId businessZone) {
        return new SesMailer(clients.lazily(SesV2Client::builder), env.require(SENDER_EMAIL), confirmPage, businessZone);
    }
}

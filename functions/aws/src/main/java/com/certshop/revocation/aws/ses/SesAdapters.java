package com.certshop.revocation.aws.ses;

import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.ssm.PublicApiBaseUrl;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The mailer as a function configures it. */
public final class SesAdapters {
    /** A verified SES identity the mail comes from. */
    public static final String SENDER_EMAIL = "SENDER_EMAIL";
    /** The SSM parameter holding the API's public base URL, which links in the mail point to. */
    public static final String PUBLIC_API_BASE_URL_PARAMETER = "PUBLIC_API_BASE_URL_PARAMETER";

    private SesAdapters() {
    }

    public static SesMailer mailer(Environment env, AwsClients clients, ZoneId businessZone) {
        String parameter = env.require(PUBLIC_API_BASE_URL_PARAMETER);
        Supplier<URI> confirmPage = new PublicApiBaseUrl(clients, parameter, Clock.systemUTC());
        return new SesMailer(clients.lazily(SesV2Client::builder), env.require(SENDER_EMAIL), confirmPage, businessZone);
    }
}

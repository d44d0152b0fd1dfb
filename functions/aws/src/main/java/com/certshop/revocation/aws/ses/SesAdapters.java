package com.certshop.revocation.aws.ses;

import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import java.net.URI;
import java.time.ZoneId;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The mailer as a function configures it. */
public final class SesAdapters {
    /** A verified SES identity the mail comes from. */
    public static final String SENDER_EMAIL = "SENDER_EMAIL";
    /** The public URL of GET /revocations/confirm, which links in the mail point to. */
    public static final String CONFIRM_PAGE_URL = "CONFIRM_PAGE_URL";

    private SesAdapters() {
    }

    public static SesMailer mailer(Environment env, AwsClients clients, ZoneId businessZone) {
        return new SesMailer(clients.build(SesV2Client.builder()), env.require(SENDER_EMAIL),
                URI.create(env.require(CONFIRM_PAGE_URL)), businessZone);
    }
}

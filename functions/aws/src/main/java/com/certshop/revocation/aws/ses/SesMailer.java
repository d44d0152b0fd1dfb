package com.certshop.revocation.aws.ses;

import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.port.Mailer;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Message;

/** Sends the applicant's mail through SES (API v2), each message as HTML with a plain-text alternative. */
public final class SesMailer implements Mailer {
    /** Built on first use (AwsClients.lazily): a function path that sends no mail never builds it. */
    private final Supplier<SesV2Client> ses;
    private final String sender;
    private final MailContent content;

    /**
     * @param sender      a verified SES identity
     * @param confirmPage the public URL of GET /revocations/confirm, asked for when a link is written
     * @param zone        the business time zone, in which mail shows times
     */
    public SesMailer(Supplier<SesV2Client> ses, String sender, Supplier<URI> confirmPage, ZoneId zone) {
        this.ses = ses;
        this.sender = sender;
        this.content = new MailContent(confirmPage, zone);
    }

    @Override
    public void sendConfirmationRequest(Certificate certificate, ConfirmationToken token, Instant expiresAt) {
        send(certificate.applicantEmail(), content.confirmationRequest(certificate, token, expiresAt));
    }

    @Override
    public void sendBatchConfirmationRequest(String applicantEmail, List<Link> links, Instant expiresAt) {
        send(applicantEmail, content.batchConfirmationRequest(links, expiresAt));
    }

    @Override
    public void sendNotice(Notice notice, Certificate certificate) {
        if (certificate.applicantEmail() == null) {
            return; // Uploaded certificates have no applicant, and no revocation to report on.
        }
        send(certificate.applicantEmail(), content.notice(notice, certificate));
    }

    private void send(String to, MailContent.Mail mail) {
        ses.get().sendEmail(r -> r.fromEmailAddress(sender)
                .destination(d -> d.toAddresses(to))
                .content(c -> c.simple(Message.builder()
                        .subject(utf8(mail.subject()))
                        .body(Body.builder().text(utf8(mail.text())).html(utf8(mail.html())).build())
                        .build())));
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }
}

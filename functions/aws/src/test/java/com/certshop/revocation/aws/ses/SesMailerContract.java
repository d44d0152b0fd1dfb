package com.certshop.revocation.aws.ses;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.Emulators;
import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.Mailer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;

abstract class SesMailerContract {
    private static final Instant NOW = Instant.parse("2026-11-10T10:00:00Z");
    private final AwsEmulator aws;
    private final SesV2Client ses;
    private final String sender = "revocations-" + UUID.randomUUID() + "@certshop.example";

    SesMailerContract(AwsEmulator aws) {
        this.aws = aws;
        this.ses = Emulators.ses(aws);
        ses.createEmailIdentity(r -> r.emailIdentity(sender));
    }

    private static Certificate awaiting(String id) {
        Certificate c = TestCertificates.issued(id, ValidationType.OV, NOW.minus(Duration.ofDays(3)));
        return Lifecycle.submit(c, new RevocationRequest(RevocationReason.KEY_COMPROMISE, Actor.customer(c.accountId(), "alice@corp.example"), null),
                RefundClaim.pending(RefundOutlook.ELIGIBLE, NOW.plus(Duration.ofDays(20))), NOW).after();
    }

    @Test
    void theConfirmationMailReachesSesWithItsLinkReasonAndRequester() {
        String id = "ov" + UUID.randomUUID().toString().substring(0, 8);
        SesMailer mailer = new SesMailer(() -> ses, sender, () -> URI.create("https://api.certshop.example/revocations/confirm"), ZoneId.of("UTC"));
        ConfirmationToken token = new ConfirmationToken("k".repeat(43));

        mailer.sendConfirmationRequest(awaiting(id), token, NOW.plus(Duration.ofHours(72)));

        String data = aws.sentMail();
        assertTrue(data.contains("Confirm the revocation of " + id + ".example.com"), data);
        assertTrue(data.contains("https://api.certshop.example/revocations/confirm?token=" + "k".repeat(43)), "confirm link");
        assertTrue(data.contains("answer=reject"), "reject link");
        assertTrue(data.contains("keyCompromise"));
        assertTrue(data.contains("alice@corp.example"));
        assertTrue(data.contains("Fri 13 Nov 2026, 10:00 UTC"), "when the link expires");
    }

    @Test
    void noticesGoToTheApplicant() {
        String id = "ov" + UUID.randomUUID().toString().substring(0, 8);
        SesMailer mailer = new SesMailer(() -> ses, sender, () -> URI.create("https://x.example/confirm"), ZoneId.of("UTC"));
        mailer.sendNotice(Mailer.Notice.REVOCATION_OVERDUE, awaiting(id));
        assertTrue(aws.sentMail().contains("Revocation of " + id + ".example.com is taking longer than expected"));
    }

    @Test
    void anUnverifiedSenderIsRefusedBySes() {
        SesMailer mailer = new SesMailer(() -> ses, "nobody@unverified.example", () -> URI.create("https://x.example/confirm"), ZoneId.of("UTC"));
        assertThrows(MessageRejectedException.class, () -> mailer.sendNotice(Mailer.Notice.REVOKED, awaiting("ov9")));
    }
}

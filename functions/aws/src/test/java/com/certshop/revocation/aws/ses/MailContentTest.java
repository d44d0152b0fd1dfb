package com.certshop.revocation.aws.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.Money;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundDenial;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.Mailer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailContentTest {
    private static final Instant NOW = Instant.parse("2026-11-10T15:30:00Z");
    private final MailContent content = new MailContent(() -> URI.create("https://api.example/revocations/confirm"),
            ZoneId.of("America/New_York"));

    private static Certificate awaiting(String commonName) {
        Certificate c = Certificate.issued(new CertificateId("c1"), new AccountId("acct"), ValidationType.EV,
                TestCertificates.pem(NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(300)), commonName),
                "admin@example.com", "order-1", Money.of(12999, "EUR"));
        return Lifecycle.submit(c, new RevocationRequest(RevocationReason.CESSATION_OF_OPERATION,
                Actor.customer(c.accountId(), "<b>mallory</b>"), null),
                RefundClaim.pending(RefundOutlook.ELIGIBLE, NOW.plus(Duration.ofDays(20))), NOW).after();
    }

    @Test
    void everyValueInTheHtmlIsEscaped() {
        MailContent.Mail mail = content.confirmationRequest(awaiting("<script>alert(1)</script>.example.com"),
                new ConfirmationToken("t".repeat(43)), NOW.plus(Duration.ofHours(72)));
        assertFalse(mail.html().contains("<script>"), mail.html());
        assertTrue(mail.html().contains("&lt;script&gt;"));
        assertTrue(mail.html().contains("&lt;b&gt;mallory&lt;/b&gt;"));
        assertTrue(mail.text().contains("<b>mallory</b>"), "plain text is shown as is");
    }

    @Test
    void theConfirmationNamesEverythingTheApplicantNeedsToDecide() {
        MailContent.Mail mail = content.confirmationRequest(awaiting("shop.example.com"),
                new ConfirmationToken("t".repeat(43)), NOW.plus(Duration.ofHours(72)));
        assertEquals("Confirm the revocation of shop.example.com", mail.subject());
        assertTrue(mail.text().contains("https://api.example/revocations/confirm?token=" + "t".repeat(43) + "\n"));
        assertTrue(mail.text().contains("https://api.example/revocations/confirm?token=" + "t".repeat(43) + "&answer=reject"));
        assertTrue(mail.text().contains("cessationOfOperation"));
        assertTrue(mail.text().contains("Link valid until: Fri 13 Nov 2026, 10:30 EST"), mail.text());
        assertTrue(mail.html().contains("href=\"https://api.example/revocations/confirm?token=" + "t".repeat(43) + "&amp;answer=reject\""));
    }

    @Test
    void refundNoticesSayWhetherAndWhy() {
        Certificate revoked = Lifecycle.revoked(Lifecycle.sentToCa(Lifecycle.confirm(awaiting("shop.example.com"), 1,
                Actor.applicant("admin@example.com"), NOW).after(), 1, "ca",
                com.certshop.revocation.domain.model.CaWait.begin("task-token", NOW, NOW), NOW).after(), 1,
                new RevocationEvidence("simulated CA", NOW, 5, NOW), NOW).after();
        Certificate refunded = Lifecycle.refundSettled(revoked, revoked.revocation().refund().refunded("rf_1", NOW), NOW).after();
        assertTrue(content.notice(Mailer.Notice.REFUND_SETTLED, refunded).text()
                .contains("A refund of EUR 129.99 for shop.example.com (order order-1) was issued, reference rf_1."));
        Certificate denied = Lifecycle.refundSettled(revoked,
                revoked.revocation().refund().denied(RefundDenial.COMPLETED_AFTER_WINDOW, NOW), NOW).after();
        assertTrue(content.notice(Mailer.Notice.REFUND_SETTLED, denied).text()
                .contains("not eligible for a refund: the CA completed it after the refund window had closed"));
    }

    @Test
    void aLapseNoticeSaysWhyAndThatTheCertificateIsStillValid() {
        Certificate lapsed = Lifecycle.lapse(awaiting("shop.example.com"), 1, LapseCause.CONFIRMATION_TIMED_OUT,
                Actor.SYSTEM, NOW).after();
        String text = content.notice(Mailer.Notice.REVOCATION_LAPSED, lapsed).text();
        assertTrue(text.contains("the confirmation link expired"), text);
        assertTrue(text.contains("remains valid"));
    }
}

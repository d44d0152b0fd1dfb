package com.certshop.revocation.aws.ses;

import com.certshop.revocation.aws.text.Html;
import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundDenial;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.port.Mailer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The words of every message, as plain text and HTML with the same content. Times are shown in
 * the business time zone, with the zone named, because that is the zone the rules count days in.
 */
final class MailContent {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm zzz", Locale.ENGLISH);

    private final Supplier<URI> confirmPage;
    private final ZoneId zone;

    MailContent(Supplier<URI> confirmPage, ZoneId zone) {
        this.confirmPage = confirmPage;
        this.zone = zone;
    }

    record Mail(String subject, String text, String html) {
    }

    Mail confirmationRequest(Certificate c, ConfirmationToken token, Instant expiresAt) {
        Revocation r = c.revocation();
        String link = link(token, null);
        String rejectLink = link(token, "reject");
        List<String> facts = List.of(
                "Certificate: " + c.commonName() + " (" + c.type() + ", id " + c.id() + ")",
                "Also covers: " + String.join(", ", c.subjectAlternativeNames()),
                "Reason: " + describe(r.reason()),
                "Requested by: " + r.requestedBy().id() + " on " + format(r.requestedAt()),
                "Link valid until: " + format(expiresAt));
        String intro = "Someone asked to revoke an SSL certificate for which you are the applicant. Nothing happens"
                + " until you confirm: once revoked, browsers stop trusting the certificate and this cannot be undone.";
        String text = intro + "\n\n" + String.join("\n", facts)
                + "\n\nReview and confirm the revocation:\n" + link
                + "\n\nDid not ask for this? Reject it here (or simply let the link expire):\n" + rejectLink + "\n";
        String html = page("Confirm the revocation of " + c.commonName(),
                "<p>" + esc(intro) + "</p>" + htmlList(facts)
                        + "<p><a href=\"" + esc(link) + "\" style=\"font-weight:bold\">Review and confirm the revocation</a></p>"
                        + "<p>Did not ask for this? <a href=\"" + esc(rejectLink) + "\">Reject it</a>, or simply let the link expire.</p>");
        return new Mail("Confirm the revocation of " + c.commonName(), text, html);
    }

    /** One message for all of an applicant's certificates in a batch: each listed with its own links. */
    Mail batchConfirmationRequest(List<Mailer.Link> links, Instant expiresAt) {
        Revocation first = links.get(0).certificate().revocation();
        String intro = "Someone asked to revoke " + links.size() + (links.size() == 1 ? " SSL certificate" : " SSL certificates")
                + " for which you are the applicant, in one request. Nothing happens to a certificate until you confirm"
                + " its revocation: once revoked, browsers stop trusting it and this cannot be undone.";
        List<String> facts = List.of(
                "Reason: " + describe(first.reason()),
                "Requested by: " + first.requestedBy().id() + " on " + format(first.requestedAt()),
                "Links valid until: " + format(expiresAt));
        StringBuilder text = new StringBuilder(intro).append("\n\n").append(String.join("\n", facts)).append("\n");
        StringBuilder items = new StringBuilder();
        for (Mailer.Link l : links) {
            Certificate c = l.certificate();
            String confirm = link(l.token(), null);
            String reject = link(l.token(), "reject");
            String name = c.commonName() + " (" + c.type() + ", id " + c.id() + ")";
            text.append("\n").append(name).append("\n  Review and confirm: ").append(confirm)
                    .append("\n  Reject: ").append(reject).append("\n");
            items.append("<li>").append(esc(name)).append(": <a href=\"").append(esc(confirm))
                    .append("\" style=\"font-weight:bold\">review and confirm</a> or <a href=\"").append(esc(reject))
                    .append("\">reject</a></li>");
        }
        text.append("\nDid not ask for this? Reject each, or simply let the links expire.\n");
        String subject = "Confirm the revocation of " + links.size() + (links.size() == 1 ? " certificate" : " certificates");
        String html = page(subject, "<p>" + esc(intro) + "</p>" + htmlList(facts) + "<ul>" + items + "</ul>"
                + "<p>Did not ask for this? Reject each, or simply let the links expire.</p>");
        return new Mail(subject, text.toString(), html);
    }

    Mail notice(Mailer.Notice notice, Certificate c) {
        Revocation r = c.revocation();
        String name = c.commonName();
        return switch (notice) {
            case REVOKED -> mail("Certificate " + name + " was revoked",
                    "The certificate " + name + " was revoked by the CA on " + format(r.revokedAt())
                            + ". You can now delete it from your account.");
            case REVOCATION_FAILED -> mail("Revocation of " + name + " did not go through",
                    "The revocation of " + name + " could not be completed: " + r.failureReason()
                            + ". The certificate is still valid. You may apply to revoke it again.");
            case REVOCATION_LAPSED -> mail("Revocation of " + name + " was not carried out",
                    "The revocation of " + name + " was not carried out: " + describe(r.lapseCause())
                            + ". The certificate remains valid and can be downloaded again.");
            case REVOCATION_OVERDUE -> mail("Revocation of " + name + " is taking longer than expected",
                    "The CA has not yet completed the revocation of " + name + " within its service level."
                            + " We keep checking and will write again when it is done.");
            case REFUND_SETTLED -> mail("Refund decision for " + name, refundText(c, r.refund()));
        };
    }

    private String refundText(Certificate c, RefundClaim claim) {
        if (claim.refundReference() != null) {
            return "A refund of " + amount(c) + " for " + c.commonName() + " (order " + c.orderId()
                    + ") was issued, reference " + claim.refundReference() + ".";
        }
        return "The revocation of " + c.commonName() + " is not eligible for a refund: " + describe(claim.denial())
                + ". Refunds require the revocation to be applied for and completed within the refund window, which ended "
                + format(claim.windowEnd()) + ".";
    }

    private static String amount(Certificate c) {
        return String.format(Locale.ENGLISH, "%s %d.%02d", c.pricePaid().currency().getCurrencyCode(),
                c.pricePaid().minorUnits() / 100, c.pricePaid().minorUnits() % 100);
    }

    private Mail mail(String subject, String body) {
        return new Mail(subject, body + "\n", page(subject, "<p>" + esc(body) + "</p>"));
    }

    private String link(ConfirmationToken token, String answer) {
        String query = "token=" + URLEncoder.encode(token.value(), StandardCharsets.UTF_8)
                + (answer == null ? "" : "&answer=" + answer);
        URI page = confirmPage.get();
        return page + (page.getQuery() == null ? "?" : "&") + query;
    }

    private String format(Instant instant) {
        return instant == null ? "(unknown)" : WHEN.format(instant.atZone(zone));
    }

    private static String describe(RevocationReason reason) {
        return switch (reason) {
            case UNSPECIFIED -> "unspecified";
            case KEY_COMPROMISE -> "the private key was compromised (keyCompromise)";
            case AFFILIATION_CHANGED -> "the subject's name or affiliation changed (affiliationChanged)";
            case SUPERSEDED -> "the certificate was replaced (superseded)";
            case CESSATION_OF_OPERATION -> "the domain or service is no longer operated (cessationOfOperation)";
        };
    }

    private static String describe(LapseCause cause) {
        if (cause == null) {
            return "it was withdrawn";
        }
        return switch (cause) {
            case CONFIRMATION_TIMED_OUT -> "the confirmation link expired before anyone confirmed";
            case REJECTED_BY_APPLICANT -> "the applicant rejected it";
            case CANCELLED_BY_CUSTOMER -> "the customer cancelled it";
            case CONFIRMATION_NOT_SENT -> "the confirmation e-mail could not be delivered";
        };
    }

    private static String describe(RefundDenial denial) {
        return switch (denial) {
            case APPLIED_AFTER_WINDOW -> "it was applied for after the refund window had closed";
            case COMPLETED_AFTER_WINDOW -> "the CA completed it after the refund window had closed";
            case NOT_COMPLETED_WITHIN_WINDOW -> "it was not completed before the refund window closed";
        };
    }

    private static String htmlList(List<String> items) {
        StringBuilder html = new StringBuilder("<ul>");
        items.forEach(item -> html.append("<li>").append(esc(item)).append("</li>"));
        return html.append("</ul>").toString();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title></head><body style=\"font-family:sans-serif;max-width:40em\"><h1 style=\"font-size:1.3em\">"
                + esc(title) + "</h1>" + body + "</body></html>";
    }

    private static String esc(String text) {
        return Html.escape(text);
    }
}

package com.certshop.revocation.functions.confirm;

import static com.certshop.revocation.aws.text.Html.escape;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.usecase.ConfirmRevocation;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The pages an applicant sees after following the e-mail link. Plain server-rendered HTML with
 * inline styles: it must work in any browser, without scripts, at any width.
 */
final class ConfirmationPages {
    private static final String BUTTON = "font:inherit;padding:.7em 1.2em;margin:.3em .3em .3em 0;border-radius:6px;"
            + "cursor:pointer;";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm zzz", Locale.ENGLISH);

    private final ZoneId zone;

    ConfirmationPages(ZoneId zone) {
        this.zone = zone;
    }

    /** The page behind the link: what would be revoked, and the two answers while the link is open. */
    String preview(ConfirmRevocation.Preview preview, String token, boolean rejectSuggested) {
        Certificate c = preview.certificate();
        Revocation r = c.revocation();
        StringBuilder body = new StringBuilder();
        body.append("<dl>")
                .append(fact("Certificate", c.commonName() + " (" + c.type() + ")"))
                .append(fact("Also covers", String.join(", ", c.subjectAlternativeNames())))
                .append(fact("Reason", r.reason().rfcName() + " (" + r.reason().code() + ")"))
                .append(fact("Requested by", r.requestedBy().id()))
                .append(fact("Requested at", format(r.requestedAt())))
                .append(fact("Link valid until", format(preview.expiresAt())))
                .append("</dl>");
        switch (preview.state()) {
            case OPEN -> body.append("<p><strong>Revoking is permanent:</strong> browsers stop trusting the certificate"
                    + " as soon as the CA has revoked it.</p>").append(form(token, rejectSuggested));
            case ALREADY_USED -> body.append(notice("This link was already used. " + statusLine(c)));
            case EXPIRED -> body.append(notice("This link has expired. Nothing was revoked; the customer may apply again."));
            case WITHDRAWN -> body.append(notice("This revocation is no longer waiting for confirmation: it was"
                    + " cancelled or has lapsed. " + statusLine(c)));
        }
        return page("Confirm the revocation of " + c.commonName(), body.toString());
    }

    /** The page after an answer. */
    String answered(Certificate c) {
        if (c.status() == CertificateStatus.REVOKING) {
            return page("Revocation confirmed", "<p>Thank you. The revocation of <strong>" + escape(c.commonName())
                    + "</strong> has been handed to the certificate authority, which may take up to 5 business days."
                    + " You will receive an e-mail when it is done.</p>");
        }
        return page("Revocation rejected", "<p>The revocation of <strong>" + escape(c.commonName())
                + "</strong> will not be carried out. The certificate remains valid.</p>");
    }

    /** A refusal, explained on a page. */
    String refused(DomainException e) {
        return page("This link cannot be used", notice(e.getMessage()));
    }

    /** A failure on our side; the link itself may still be good, so the page says to try again. */
    String failed(String message) {
        return page("Please try again", notice(message));
    }

    private String form(String token, boolean rejectSuggested) {
        String confirm = "<button type=\"submit\" name=\"answer\" value=\"confirm\" style=\"" + BUTTON
                + "background:#b00020;color:#fff;border:0\">Revoke this certificate</button>";
        String reject = "<button type=\"submit\" name=\"answer\" value=\"reject\" style=\"" + BUTTON
                + "background:#fff;color:#111;border:2px solid #111\"" + (rejectSuggested ? " autofocus" : "")
                + ">I did not ask for this: reject</button>";
        // The form posts to this same path; the token travels in the body, not in a new URL.
        return "<form method=\"post\" action=\"confirm\"><input type=\"hidden\" name=\"token\" value=\""
                + escape(token) + "\"><p>" + (rejectSuggested ? reject + " " + confirm : confirm + " " + reject)
                + "</p></form>";
    }

    private String statusLine(Certificate c) {
        return "The certificate is now " + c.status().name().replace('_', ' ').toLowerCase(Locale.ENGLISH) + ".";
    }

    private static String fact(String name, String value) {
        return "<dt style=\"font-weight:bold\">" + escape(name) + "</dt><dd style=\"margin:0 0 .6em\">" + escape(value) + "</dd>";
    }

    private static String notice(String text) {
        return "<p role=\"status\" style=\"padding:.8em;background:#fff4e5;border-left:4px solid #b45309\">"
                + escape(text) + "</p>";
    }

    private String format(Instant instant) {
        return WHEN.format(instant.atZone(zone));
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + "</title><style>button:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}</style></head>"
                + "<body style=\"font-family:system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.5\">"
                + "<main><h1 style=\"font-size:1.4em\">" + escape(title) + "</h1>" + body + "</main></body></html>";
    }
}

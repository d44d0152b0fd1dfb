package com.certshop.revocation.bench;

import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.local.EmulatedStack;
import com.certshop.revocation.local.Mailbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A confirmation link as an applicant gets one: the revocation of an OV certificate applied for
 * through the stack's HTTP API, and the token of the link the workflow then mails. Opening the
 * link's page changes nothing, so one token serves every run of the confirmation page.
 */
final class MailedLink {
    private static final Pattern LINK = Pattern.compile("/revocations/confirm\\?token=([A-Za-z0-9_-]{43})\"");

    private MailedLink() {
    }

    /** Applies for the certificate's revocation as its owner and waits for the applicant's mail. */
    static String token(EmulatedStack stack, CertificateId ov, Duration within) {
        URI uri = stack.apiEndpoint().resolve("/certificates/" + ov.value() + "/revocation");
        HttpRequest apply = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.issueToken(ScaleCertificates.ACCOUNT.value(), ScaleCertificates.APPLICANT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"superseded\"}")).build();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(apply, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 202) {
                throw new IllegalStateException("applying for " + ov.value() + ": " + answer.statusCode() + " " + answer.body());
            }
            String subject = "Confirm the revocation of " + ScaleCertificates.commonName(ov);
            Instant deadline = Instant.now().plus(within);
            while (Instant.now().isBefore(deadline)) {
                Optional<Matcher> link = stack.mailbox().messages().stream().filter(m -> m.subject().equals(subject))
                        .map(Mailbox.Mail::body).map(LINK::matcher).filter(Matcher::find).findFirst();
                if (link.isPresent()) {
                    return link.get().group(1);
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("no mail '" + subject + "' within " + within);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.port.Mailer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keeps every message instead of sending it, so a test can read the link the applicant would click. */
public final class RecordingMailer implements Mailer {
    private final List<Sent> sent = new ArrayList<>();
    private final List<BatchMessage> batchMessages = new ArrayList<>();

    @Override
    public synchronized void sendConfirmationRequest(Certificate certificate, ConfirmationToken token, Instant expiresAt) {
        sent.add(new Sent(null, certificate.id(), certificate.applicantEmail(), token.value(), expiresAt));
    }

    /** One message for the applicant, recorded here as one request per certificate it links to, tagged with {@link #batchMessages}. */
    @Override
    public synchronized void sendBatchConfirmationRequest(String applicantEmail, List<Link> links, Instant expiresAt) {
        batchMessages.add(new BatchMessage(applicantEmail, links.stream().map(l -> l.certificate().id()).toList()));
        links.forEach(l -> sent.add(new Sent(null, l.certificate().id(), applicantEmail, l.token().value(), expiresAt)));
    }

    public synchronized List<BatchMessage> batchMessages() {
        return List.copyOf(batchMessages);
    }

    /** The token a batch's message gave for this certificate. */
    public synchronized String confirmationTokenFor(CertificateId id) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).isConfirmationRequest() && sent.get(i).certificateId().equals(id)) {
                return sent.get(i).token();
            }
        }
        throw new AssertionError("no confirmation request was sent for " + id);
    }

    @Override
    public synchronized void sendNotice(Notice notice, Certificate certificate) {
        sent.add(new Sent(notice, certificate.id(), certificate.applicantEmail(), null, null));
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The token of the latest confirmation request, as the applicant would find it in the link. */
    public synchronized String lastConfirmationToken() {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).isConfirmationRequest()) {
                return sent.get(i).token();
            }
        }
        throw new AssertionError("no confirmation request was sent");
    }

    public synchronized List<Notice> notices() {
        return sent.stream().filter(s -> !s.isConfirmationRequest()).map(Sent::notice).toList();
    }

    /** One batch message: to whom, and which certificates it lists. */
    public record BatchMessage(String to, List<CertificateId> certificates) {
    }

    /** One message: a confirmation request (notice null, token set) or a notice. */
    public record Sent(Notice notice, CertificateId certificateId, String to, String token, Instant expiresAt) {
        public boolean isConfirmationRequest() {
            return notice == null;
        }
    }
}

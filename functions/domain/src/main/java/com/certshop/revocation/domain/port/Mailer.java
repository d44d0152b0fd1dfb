package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.model.Certificate;
import java.time.Instant;
import java.util.List;

/** E-mail to the certificate's applicant. The adapter renders the messages and builds links from the token. */
public interface Mailer {

    /** Asks the applicant to confirm or reject the certificate's latest revocation before {@code expiresAt}. */
    void sendConfirmationRequest(Certificate certificate, ConfirmationToken token, Instant expiresAt);

    /**
     * Asks one applicant, in one message, to confirm or reject each of their certificates in a bulk
     * revocation, each with its own link, valid until {@code expiresAt}.
     */
    void sendBatchConfirmationRequest(String applicantEmail, List<Link> links, Instant expiresAt);

    /** Tells the applicant how the latest revocation or its refund turned out. */
    void sendNotice(Notice notice, Certificate certificate);

    /** A certificate of a batch and the token of its confirmation link. */
    record Link(Certificate certificate, ConfirmationToken token) {
    }

    /** The outcomes worth a message. */
    enum Notice {
        REVOKED,
        REVOCATION_FAILED,
        REVOCATION_LAPSED,
        REVOCATION_OVERDUE,
        REFUND_SETTLED
    }
}

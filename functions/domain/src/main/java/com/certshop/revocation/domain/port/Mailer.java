package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.model.Certificate;
import java.time.Instant;

/** E-mail to the certificate's applicant. The adapter renders the messages and builds links from the token. */
public interface Mailer {

    /** Asks the applicant to confirm or reject the certificate's latest revocation before {@code expiresAt}. */
    void sendConfirmationRequest(Certificate certificate, ConfirmationToken token, Instant expiresAt);

    /** Tells the applicant how the latest revocation or its refund turned out. */
    void sendNotice(Notice notice, Certificate certificate);

    /** The outcomes worth a message. */
    enum Notice {
        REVOKED,
        REVOCATION_FAILED,
        REVOCATION_LAPSED,
        REVOCATION_OVERDUE,
        REFUND_SETTLED
    }
}

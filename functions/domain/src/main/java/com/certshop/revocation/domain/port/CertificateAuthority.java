package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.HandOver;
import com.certshop.revocation.domain.model.Certificate;

/** The CA that issued the certificate, as far as revocation goes. */
public interface CertificateAuthority {

    /**
     * Hands the certificate's latest revocation (its reason included) to the CA. Idempotent per
     * certificate and attempt: asking again, e.g. after an answer was lost, is accepted again.
     *
     * @throws CaUnavailableException on a transient failure worth retrying
     */
    HandOver requestRevocation(Certificate certificate);

    /**
     * Where the certificate's latest revocation stands, according to the CA's own status.
     *
     * @throws CaUnavailableException on a transient failure worth retrying
     */
    CaStatus status(Certificate certificate);
}

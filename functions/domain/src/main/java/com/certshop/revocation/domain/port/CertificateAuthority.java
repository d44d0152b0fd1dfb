package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.model.Certificate;

/** The CA that issued the certificate, as far as revocation goes. */
public interface CertificateAuthority {

    /**
     * Hands the certificate's latest revocation to the CA. Idempotent per certificate and attempt:
     * asking again returns the same reference.
     *
     * @return the CA's reference for the request, to poll with
     * @throws CaUnavailableException on a transient failure worth retrying
     */
    String requestRevocation(Certificate certificate);

    /**
     * @throws CaUnavailableException on a transient failure worth retrying
     */
    CaStatus status(String caRequestId);
}

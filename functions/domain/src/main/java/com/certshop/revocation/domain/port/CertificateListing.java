package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Certificate;

/**
 * The customer's paged listing of their certificates. Apart from {@link CertificateStore}: its page
 * tokens are sealed with a key that only the function that lists may hold.
 */
public interface CertificateListing {

    /**
     * One page of the account's certificates that are not deleted, newest issuance first.
     *
     * @throws com.certshop.revocation.domain.error.DomainException INVALID_PAGE_TOKEN when the
     *         query's page token was not issued by this listing for this account and these filters
     */
    Page<Certificate> list(AccountId account, CertificateQuery query);
}

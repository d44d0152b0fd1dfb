package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.Money;

/** Where money goes back to the customer (the billing system). */
public interface RefundLedger {

    /**
     * Refunds the order. Idempotent on {@code order.idempotencyKey()}: a repeated call with the same
     * key pays nothing more and returns the first call's reference, which is what makes a refund
     * happen exactly once even when the settlement is retried.
     *
     * @return the ledger's reference for the refund
     */
    String refund(Order order);

    record Order(String idempotencyKey, AccountId accountId, CertificateId certificateId, String orderId, Money amount) {
    }
}

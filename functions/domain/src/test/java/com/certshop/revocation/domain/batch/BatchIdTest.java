package com.certshop.revocation.domain.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.AccountId;
import org.junit.jupiter.api.Test;

class BatchIdTest {
    @Test
    void derivedFromAccountAndKeyAlone() {
        BatchId id = BatchId.derive(new AccountId("account-a"), "incident-42");
        assertEquals(id, BatchId.derive(new AccountId("account-a"), "incident-42"));
        assertNotEquals(id, BatchId.derive(new AccountId("account-b"), "incident-42"));
        assertNotEquals(id, BatchId.derive(new AccountId("account-a"), "incident-43"));
        assertTrue(id.value().matches("b-[a-z2-7]{32}"), id.value());
    }

    @Test
    void aMalformedIdNamesNoBatch() {
        assertEquals(ErrorCode.BATCH_NOT_FOUND, assertThrows(DomainException.class, () -> new BatchId("confirm")).code());
    }
}

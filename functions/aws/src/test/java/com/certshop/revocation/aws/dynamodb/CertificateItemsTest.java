package com.certshop.revocation.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.UnreadableCertificateException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CertificateItemsTest {
    private final Certificate dv = TestCertificates.issued("dv1", ValidationType.DV, Instant.parse("2026-11-02T10:00:00Z"));

    private Map<String, AttributeValue> stored(Consumer<Map<String, AttributeValue>> damage) {
        Map<String, AttributeValue> item = new HashMap<>(CertificateItems.toItem(dv));
        damage.accept(item);
        return item;
    }

    @Test
    void theSweepsIndexKeysAreSpreadOverEveryShard() {
        java.util.Set<Integer> shards = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            int shard = CertificateItems.shard(dv.accountId(), new com.certshop.revocation.domain.model.CertificateId("c" + i));
            assertTrue(shard >= 0 && shard < CertificateItems.SHARDS);
            shards.add(shard);
        }
        assertEquals(CertificateItems.SHARDS, shards.size());
        assertEquals(CertificateItems.shard(dv.accountId(), dv.id()), CertificateItems.shard(dv.accountId(), dv.id()), "stable");
    }

    @Test
    void onlyARevocationWaitingForTheCaIsInTheCaCheckIndex() {
        assertFalse(CertificateItems.toItem(dv).containsKey(CertificateTable.CA_CHECK_PK));
        Instant now = Instant.parse("2026-11-10T10:00:00Z");
        Certificate revoking = com.certshop.revocation.domain.model.Lifecycle.submit(dv,
                new com.certshop.revocation.domain.model.RevocationRequest(
                        com.certshop.revocation.domain.model.RevocationReason.SUPERSEDED,
                        com.certshop.revocation.domain.model.Actor.SYSTEM, null),
                com.certshop.revocation.domain.model.RefundClaim.pending(
                        com.certshop.revocation.domain.model.RefundOutlook.ELIGIBLE, now.plusSeconds(3600)), now).after();
        Map<String, AttributeValue> item = CertificateItems.toItem(revoking);
        assertFalse(item.containsKey(CertificateTable.CA_CHECK_PK), "not yet handed over");
        String shard = "#" + CertificateItems.shard(dv.accountId(), dv.id());
        assertEquals("IN_PROGRESS" + shard, item.get(CertificateTable.IN_PROGRESS_PK).s());

        Certificate waiting = com.certshop.revocation.domain.model.Lifecycle.waitForCa(revoking, 1,
                com.certshop.revocation.domain.model.CaWait.begin("t", now, now.plusSeconds(60))).after();
        Map<String, AttributeValue> waitingItem = CertificateItems.toItem(waiting);
        assertEquals("CA_CHECK" + shard, waitingItem.get(CertificateTable.CA_CHECK_PK).s());
        assertEquals(CertificateItems.sortableInstant(now.plusSeconds(60)) + "#account-a#dv1",
                waitingItem.get(CertificateTable.CA_CHECK_SK).s());
        assertEquals(waiting, CertificateItems.fromItem(waitingItem));
    }

    @Test
    void aWellFormedItemReadsBack() {
        assertEquals(dv, CertificateItems.fromItem(CertificateItems.toItem(dv)));
    }

    @Test
    void aMalformedItemIsUnreadableAndNamesItsKey() {
        String key = "CERT#" + dv.accountId().value() + "#dv1";
        for (Consumer<Map<String, AttributeValue>> damage : java.util.List.<Consumer<Map<String, AttributeValue>>>of(
                item -> item.put("status", AttributeValue.fromS("NO_SUCH_STATUS")),
                item -> item.remove("accountId"),
                item -> item.put("version", AttributeValue.fromS("seven")),
                item -> item.remove("x509"))) {
            UnreadableCertificateException e = assertThrows(UnreadableCertificateException.class,
                    () -> CertificateItems.fromItem(stored(damage)));
            assertEquals(key, e.itemKey());
        }
    }
}

package com.certshop.revocation.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

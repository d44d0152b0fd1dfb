package com.certshop.revocation.functions.list;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.secrets.SnapshotSafeRandom;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.RecordingPort;
import com.certshop.revocation.domain.port.CertificateListing;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.usecase.CertificateQueries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SnapStart hooks: priming before the snapshot, renewal after a restore. */
class ListCertificatesHandlerSnapStartTest {
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final List<String> storeCalls = new ArrayList<>();
    private final SnapshotSafeRandom pageTokenNonces = new SnapshotSafeRandom();

    /** The handler over the harness store and listing, every call to which is recorded; a failing store throws on each. */
    private ListCertificatesHandler handler(boolean storeFails) {
        CertificateStore store = RecordingPort.of(CertificateStore.class, h.store, storeCalls, true, storeFails);
        CertificateListing listing = RecordingPort.of(CertificateListing.class, h.store, storeCalls, true, storeFails);
        return new ListCertificatesHandler(new CertificateQueries(store, listing, h.settings.refundPolicy(), h.clock), pageTokenNonces);
    }

    @Test
    void primingReadsOneCertificateThatCannotExistAndDrawsNoRandomBytes() {
        handler(false).beforeCheckpoint(null);

        assertEquals(List.of("find[snapstart-priming, snapstart-priming]"), storeCalls);
        assertFalse(pageTokenNonces.drawnFrom(), "no nonce generator may be in the snapshot");
    }

    @Test
    void primingSurvivesAStoreThatFails() {
        assertDoesNotThrow(() -> handler(true).beforeCheckpoint(null));
        assertEquals(1, storeCalls.size());
    }

    @Test
    void aRestoredEnvironmentDrawsNoncesFromAGeneratorOfItsOwn() {
        pageTokenNonces.nextBytes(new byte[12]);
        assertTrue(pageTokenNonces.drawnFrom());

        handler(false).afterRestore(null);

        assertFalse(pageTokenNonces.drawnFrom(), "the generator from before the snapshot is dropped");
    }
}

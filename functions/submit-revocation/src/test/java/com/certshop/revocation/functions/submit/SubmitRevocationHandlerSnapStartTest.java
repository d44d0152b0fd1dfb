package com.certshop.revocation.functions.submit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.RecordingPort;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.usecase.BulkRevocation;
import com.certshop.revocation.domain.usecase.CancelRevocation;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SnapStart priming hook. */
class SubmitRevocationHandlerSnapStartTest {
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final List<String> storeCalls = new ArrayList<>();

    /** The handler over the harness store, every call to which is recorded; a failing store throws on each. */
    private SubmitRevocationHandler handler(boolean storeFails) {
        CertificateStore store = RecordingPort.of(CertificateStore.class, h.store, storeCalls, true, storeFails);
        var refundPolicy = h.settings.refundPolicy();
        return new SubmitRevocationHandler(new SubmitRevocation(store, h.workflow, refundPolicy, h.skipped, h.clock),
                new CancelRevocation(store, h.workflow, h.workflow, h.mailer, refundPolicy, h.clock),
                new BulkRevocation(store, h.batches, h.batchWorkflow, refundPolicy, h.clock));
    }

    @Test
    void primingEndsAtTheFirstReadOfACertificateThatCannotExist() {
        handler(false).beforeCheckpoint(null);

        assertEquals(List.of("find[snapstart-priming, snapstart-priming]"), storeCalls);
        assertEquals(0, h.workflow.startCalls());
        assertEquals(List.of(), h.mailer.notices());
    }

    @Test
    void primingSurvivesAStoreThatFails() {
        assertDoesNotThrow(() -> handler(true).beforeCheckpoint(null));
        assertEquals(1, storeCalls.size());
    }
}

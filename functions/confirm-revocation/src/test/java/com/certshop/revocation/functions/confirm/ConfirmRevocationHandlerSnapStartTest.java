package com.certshop.revocation.functions.confirm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.RecordingPort;
import com.certshop.revocation.domain.port.ConfirmationStore;
import com.certshop.revocation.domain.usecase.ConfirmRevocation;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SnapStart priming hook. */
class ConfirmRevocationHandlerSnapStartTest {
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final List<String> storeCalls = new ArrayList<>();

    /** The handler over the harness's confirmations, every call to which is recorded; a failing store throws on each. */
    private ConfirmRevocationHandler handler(boolean storeFails) {
        ConfirmationStore confirmations = RecordingPort.of(ConfirmationStore.class, h.confirmations, storeCalls, true, storeFails);
        return new ConfirmRevocationHandler(new ConfirmRevocation(confirmations, h.store, h.workflow, h.mailer, h.clock),
                ZoneId.of("UTC"));
    }

    @Test
    void primingLooksUpALinkThatDoesNotExistAndChangesNothing() {
        handler(false).beforeCheckpoint(null);

        assertEquals(List.of("find[" + new ConfirmationToken(ConfirmRevocationHandler.PRIMING_TOKEN).digest() + "]"),
                storeCalls);
        assertEquals(List.of(), h.workflow.confirmationsRefused());
        assertEquals(List.of(), h.mailer.notices());
    }

    @Test
    void primingSurvivesAStoreThatFails() {
        assertDoesNotThrow(() -> handler(true).beforeCheckpoint(null));
        assertEquals(1, storeCalls.size());
    }
}

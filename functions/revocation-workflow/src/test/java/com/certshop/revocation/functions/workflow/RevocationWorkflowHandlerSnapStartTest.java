package com.certshop.revocation.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.secrets.SnapshotSafeRandom;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.RecordingPort;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.usecase.RevocationSteps;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SnapStart hooks: priming before the snapshot, renewal after a restore. */
class RevocationWorkflowHandlerSnapStartTest {
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final List<String> storeCalls = new ArrayList<>();
    private final SnapshotSafeRandom tokenRandom = new SnapshotSafeRandom();

    /** The handler over the harness store, every call to which is recorded; a failing store throws on each. */
    private RevocationWorkflowHandler handler(boolean storeFails) {
        CertificateStore store = RecordingPort.of(CertificateStore.class, h.store, storeCalls, true, storeFails);
        return new RevocationWorkflowHandler(new RevocationSteps(store, h.confirmations, h.mailer, h.workflow, h.ca,
                h.settings.confirmationTokens(tokenRandom), h.settings.caPolling(), h.clock), h.applyBatch,
                start -> java.util.Map.of(), tokenRandom);
    }

    @Test
    void primingEndsAtTheFirstReadOfACertificateThatCannotExist() {
        handler(false).beforeCheckpoint(null);

        assertEquals(List.of("find[snapstart-priming, snapstart-priming]"), storeCalls);
        assertFalse(tokenRandom.drawnFrom(), "no token generator may be in the snapshot");
    }

    @Test
    void primingWouldChangeNothingEvenIfItsCertificateExisted() {
        AccountId account = new AccountId("snapstart-priming");
        Certificate c = h.add(TestCertificates.issued("snapstart-priming", account, ValidationType.DV,
                Instant.parse("2026-11-02T10:00:00Z"), Instant.parse("2027-11-02T10:00:00Z")));
        h.submit.submit(new SubmitRevocation.Command(account, c.id(), "superseded", Actor.customer(account, "a"), null));
        int events = h.store.events(account, c.id()).size();

        handler(false).beforeCheckpoint(null);

        assertEquals(CertificateStatus.REVOKING, h.reload(c).status());
        assertEquals(events, h.store.events(account, c.id()).size());
        assertEquals(0, h.ca.requestCalls());
        assertTrue(storeCalls.stream().allMatch(call -> call.startsWith("find[")), storeCalls.toString());
    }

    @Test
    void primingSurvivesAStoreThatFails() {
        assertDoesNotThrow(() -> handler(true).beforeCheckpoint(null));
        assertEquals(1, storeCalls.size());
    }

    @Test
    void aRestoredEnvironmentDrawsTokensFromAGeneratorOfItsOwn() {
        tokenRandom.nextBytes(new byte[32]);

        handler(false).afterRestore(null);

        assertFalse(tokenRandom.drawnFrom(), "the generator from before the snapshot is dropped");
    }
}

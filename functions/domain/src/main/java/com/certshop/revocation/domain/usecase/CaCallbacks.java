package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.model.CertificateStatus.REVOKING;

import com.certshop.revocation.domain.ca.CaPolling;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.port.CertificateAuthority;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.WorkflowSignals;
import com.certshop.revocation.domain.usecase.RevocationSteps.Step;
import java.time.Clock;
import java.util.Objects;

/**
 * A CA that can call back says when it has news of a certificate, so that its revocation completes
 * when the CA has done it rather than at the next scheduled check. The callback names a serial
 * number and nothing more is believed: each revocation handed over for that serial is checked at
 * once, the scheduled check's own check ({@link CaConversation}), decided by the CA's status source
 * alone. A revocation not yet handed over, or no longer waiting, is left alone, and a status still
 * pending changes nothing, so a repeated, late or forged callback can only make a check come sooner.
 * Not paced: the CA calls back no faster than it revokes.
 */
public final class CaCallbacks {
    private final CertificateStore store;
    private final CaConversation conversation;

    public CaCallbacks(CertificateStore store, Mailer mailer, WorkflowSignals signals, CertificateAuthority ca,
            CaPolling polling, Clock clock) {
        this.store = Objects.requireNonNull(store);
        // Told before recording, as the scheduled check does: a failure leaves the revocation waiting and due.
        this.conversation = new CaConversation(CaConversation.RunTold.BEFORE_RECORDING, store, mailer, signals, ca, polling,
                clock);
    }

    /**
     * @param serialNumber as {@link com.certshop.revocation.domain.model.X509Details#serialNumberOf} writes it
     * @return what the checks came to; {@code errors} and {@code left} are always 0, a failure is thrown
     * @throws com.certshop.revocation.domain.ca.CaUnavailableException when the CA's status cannot
     *         be read now; nothing was changed, and the scheduled checks still cover the revocation
     */
    public CheckCaWaits.Report checkNow(String serialNumber) {
        CheckTally tally = new CheckTally();
        for (Certificate candidate : store.waitingForCaWithSerial(serialNumber)) {
            if (candidate.status() == REVOKING && candidate.revocation().caWait() != null
                    && candidate.revocation().submittedToCa()) {
                Step step = new Step(candidate.accountId(), candidate.id(), candidate.revocation().attempt());
                tally.count(conversation.checkNotified(step, candidate));
            }
        }
        return tally.report(0);
    }
}

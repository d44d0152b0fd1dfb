package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.RevocationSettings;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.usecase.ApplyBatch;
import com.certshop.revocation.domain.usecase.ApplyForRevocation;
import com.certshop.revocation.domain.usecase.BulkRevocation;
import com.certshop.revocation.domain.usecase.CaCallbacks;
import com.certshop.revocation.domain.usecase.CancelRevocation;
import com.certshop.revocation.domain.usecase.CertificateQueries;
import com.certshop.revocation.domain.usecase.CheckCaWaits;
import com.certshop.revocation.domain.usecase.ConfirmRevocation;
import com.certshop.revocation.domain.usecase.DeleteCertificate;
import com.certshop.revocation.domain.usecase.RevocationSteps;
import com.certshop.revocation.domain.usecase.SettleRefunds;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import com.certshop.revocation.domain.usecase.SweepStuckRevocations;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Every use case wired to in-memory fakes and one hand-driven clock, as a handler would wire real adapters. */
public final class DomainHarness {
    public final MutableClock clock;
    public final RevocationSettings settings;
    public final InMemoryCertificateStore store = new InMemoryCertificateStore();
    public final InMemoryConfirmationStore confirmations = new InMemoryConfirmationStore();
    public final RecordingMailer mailer = new RecordingMailer();
    public final RecordingWorkflow workflow = new RecordingWorkflow();
    public final ScriptedCertificateAuthority ca = new ScriptedCertificateAuthority();
    public final InMemoryRefundLedger ledger = new InMemoryRefundLedger();
    public final InMemoryBatchStore batches = new InMemoryBatchStore();
    public final RecordingBatchWorkflow batchWorkflow = new RecordingBatchWorkflow();
    public final RecordingSkippedItems skipped = new RecordingSkippedItems();

    public final CertificateQueries queries;
    public final SubmitRevocation submit;
    public final BulkRevocation bulk;
    public final CancelRevocation cancel;
    public final ConfirmRevocation confirm;
    public final DeleteCertificate delete;
    public final RevocationSteps steps;
    public final ApplyBatch applyBatch;
    public final SettleRefunds settle;
    public final SweepStuckRevocations sweep;
    public final CheckCaWaits caChecks;
    public final CaCallbacks caCallbacks;

    public DomainHarness(String now) {
        this(now, RevocationSettings.defaults());
    }

    public DomainHarness(String now, RevocationSettings settings) {
        this.clock = MutableClock.at(now);
        this.settings = settings;
        var refundPolicy = settings.refundPolicy();
        queries = new CertificateQueries(store, store, refundPolicy, clock);
        submit = new SubmitRevocation(store, workflow, refundPolicy, skipped, clock);
        bulk = new BulkRevocation(store, batches, batchWorkflow, refundPolicy, clock);
        cancel = new CancelRevocation(store, workflow, workflow, mailer, refundPolicy, clock);
        confirm = new ConfirmRevocation(confirmations, store, workflow, mailer, clock);
        delete = new DeleteCertificate(store, clock);
        steps = new RevocationSteps(store, confirmations, mailer, workflow, ca,
                settings.confirmationTokens(seededRandom()), settings.caPolling(), clock);
        applyBatch = new ApplyBatch(batches, store, new ApplyForRevocation(store, refundPolicy, clock), confirmations, settings.confirmationTokens(seededRandom()),
                mailer, clock);
        settle = new SettleRefunds(store, ledger, mailer, skipped, clock);
        sweep = new SweepStuckRevocations(store, workflow, java.time.Duration.ofMinutes(15), skipped, clock);
        caChecks = caChecks(100, java.time.Duration.ZERO);
        caCallbacks = new CaCallbacks(store, mailer, workflow, ca, settings.caPolling(), clock);
    }

    /** A CA check with its own bounds; its pauses move the test clock on. */
    public CheckCaWaits caChecks(int maxPerRun, java.time.Duration spacing) {
        return new CheckCaWaits(store, mailer, workflow, ca, settings.caPolling(), maxPerRun, spacing, clock::advance, skipped, clock);
    }

    public Certificate add(Certificate certificate) {
        store.add(certificate, AuditEvent.added(certificate, Actor.SYSTEM, certificate.issuedAt()));
        return certificate;
    }

    /** A DV revocation of a new certificate, applied for and handed to the CA now, its run waiting on {@code token-{id}}. */
    public Certificate handedOver(String id, java.time.Instant issuedAt) {
        Certificate c = add(TestCertificates.issued(id, com.certshop.revocation.domain.model.ValidationType.DV, issuedAt));
        submit.submit(new SubmitRevocation.Command(TestCertificates.ACCOUNT_A, c.id(), "superseded",
                Actor.customer(TestCertificates.ACCOUNT_A, "a"), null));
        steps.submitToCa(new RevocationSteps.Step(TestCertificates.ACCOUNT_A, c.id(), 1), "token-" + id);
        return c;
    }

    /**
     * Runs the scheduled CA check once the certificate's next check is due, moving the clock to
     * that time if it has not come yet.
     */
    public CheckCaWaits.Report checkCaWhenDue(Certificate certificate) {
        java.time.Instant due = reload(certificate).revocation().caWait().nextCheckAt();
        if (clock.instant().isBefore(due)) {
            clock.set(due);
        }
        return caChecks.run(() -> true);
    }

    /** The certificate as stored now. */
    public Certificate reload(Certificate certificate) {
        return store.find(certificate.accountId(), certificate.id()).orElseThrow();
    }

    private static SecureRandom seededRandom() {
        try {
            // SHA1PRNG seeded before first use is deterministic, so token values repeat run to run.
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(42L);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

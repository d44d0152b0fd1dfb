package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.ValidationType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepStuckRevocationsTest {
    private static final Instant ISSUED = Instant.parse("2026-11-02T10:00:00Z");
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");

    private Certificate applied(String id, ValidationType type) {
        Certificate c = h.add(TestCertificates.issued(id, type, ISSUED));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, c.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        return c;
    }

    @Test
    void aRevocationWhoseWorkflowNeverStartedGetsItStartedOnceTheGraceHasPassed() {
        h.workflow.failNextStarts(1);
        Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        assertTrue(h.workflow.runs().isEmpty());

        h.clock.advance(Duration.ofMinutes(14));
        assertEquals(new SweepStuckRevocations.Report(0, List.of()), h.sweep.run(), "still within the grace");
        h.clock.advance(Duration.ofMinutes(1));
        assertEquals(new SweepStuckRevocations.Report(1, List.of()), h.sweep.run());
        assertEquals(List.of("dv1-attempt-1"), h.workflow.runs().stream().map(r -> r.runName()).toList());
        assertEquals(new SweepStuckRevocations.Report(0, List.of()), h.sweep.run(), "a running workflow is left alone");
    }

    @Test
    void anUnreadableRevocationIsCountedAndSkippedAndTheOthersAreStillStarted() {
        h.workflow.failNextStarts(2);
        Certificate broken = h.add(TestCertificates.issued("dv0", ValidationType.DV, ISSUED));
        Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));
        for (Certificate c : List.of(broken, dv)) {
            h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, c.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        }
        h.store.corrupt(ACCOUNT_A, broken.id());
        h.clock.advance(Duration.ofHours(1));
        int reportedByTheApplications = h.skipped.skipped().size();

        assertEquals(new SweepStuckRevocations.Report(1, List.of(), 1, 0), h.sweep.run());
        assertEquals(List.of("dv1-attempt-1"), h.workflow.runs().stream().map(r -> r.runName()).toList());
        assertEquals(List.of("?:UnreadableCertificateException"), h.skipped.skipped().subList(reportedByTheApplications,
                h.skipped.skipped().size()), "reported for an operator");
    }

    @Test
    void aRevocationWhoseRunHasEndedIsReportedNotGuessed() {
        Certificate ov = applied("ov1", ValidationType.OV);
        applied("dv2", ValidationType.DV);
        h.workflow.end("ov1-attempt-1");
        h.clock.advance(Duration.ofHours(1));
        assertEquals(new SweepStuckRevocations.Report(0, List.of(ov.id())), h.sweep.run());
        assertEquals(2, h.workflow.runs().size());
    }

    @Test
    void finishedAndLapsedRevocationsAreNotInProgress() {
        Certificate ov = applied("ov1", ValidationType.OV);
        h.cancel.cancel(ACCOUNT_A, ov.id(), Actor.customer(ACCOUNT_A, "a"));
        h.clock.advance(Duration.ofHours(1));
        assertEquals(new SweepStuckRevocations.Report(0, List.of()), h.sweep.run());
    }

    @Test
    void whenTheTimeRunsOutMidwayTheRevocationsNotReachedAreLeftForTheNextRun() {
        h.workflow.failNextStarts(2);
        for (String id : List.of("dv1", "dv2")) {
            Certificate dv = h.add(TestCertificates.issued(id, ValidationType.DV, ISSUED));
            h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded",
                    Actor.customer(ACCOUNT_A, "a"), null));
        }
        h.clock.advance(Duration.ofHours(1));
        // Time for one revocation: the deadline passes while its run is being started.
        Instant deadline = h.clock.instant().plusSeconds(30);
        java.util.function.BooleanSupplier timeLeft = () -> {
            boolean left = h.clock.instant().isBefore(deadline);
            h.clock.advance(Duration.ofMinutes(1));
            return left;
        };

        assertEquals(new SweepStuckRevocations.Report(1, List.of(), 0, 1), h.sweep.run(timeLeft));
        assertEquals(1, h.workflow.runs().size());

        assertEquals(new SweepStuckRevocations.Report(1, List.of()), h.sweep.run(), "the next run starts the other");
        assertEquals(2, h.workflow.runs().size());
    }
}

package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_B;
import static com.certshop.revocation.domain.usecase.SubmitRevocationTest.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.CertificateQuery;
import com.certshop.revocation.domain.port.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateQueriesTest {
    private static final Instant DAY = Instant.parse("2026-11-02T10:00:00Z");
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");

    private List<String> ids(Page<CertificateView> page) {
        return page.items().stream().map(v -> v.certificate().id().value()).toList();
    }

    @Test
    void aCustomerListsOnlyTheirOwnCertificatesNewestFirst() {
        h.add(TestCertificates.issued("old", ValidationType.DV, DAY.minus(Duration.ofDays(40))));
        h.add(TestCertificates.issued("new", ValidationType.OV, DAY));
        h.add(TestCertificates.uploaded("mid", DAY.minus(Duration.ofDays(5))));
        h.add(TestCertificates.issued("theirs", ACCOUNT_B, ValidationType.EV, DAY, DAY.plus(Duration.ofDays(90))));

        assertEquals(List.of("new", "mid", "old"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.firstPage(20))));
        assertEquals(List.of("theirs"), ids(h.queries.list(ACCOUNT_B, CertificateQuery.firstPage(20))));
    }

    @Test
    void filtersByStatusAndType() {
        h.add(TestCertificates.issued("dv", ValidationType.DV, DAY));
        h.add(TestCertificates.issued("ov", ValidationType.OV, DAY.minusSeconds(1)));
        h.add(TestCertificates.uploaded("up", DAY.minusSeconds(2)));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, new com.certshop.revocation.domain.model.CertificateId("ov"),
                "superseded", Actor.customer(ACCOUNT_A, "a"), null));

        assertEquals(List.of("ov"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse("awaiting_confirmation", null, null, null))));
        assertEquals(List.of("dv", "up"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse(null, "DV", null, null))));
        assertEquals(List.of("dv"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse("ISSUED", "dv", "", ""))));
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsOrRepeats() {
        for (int i = 0; i < 5; i++) {
            h.add(TestCertificates.issued("c" + i, ValidationType.DV, DAY.plusSeconds(i)));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<CertificateView> page = h.queries.list(ACCOUNT_A, CertificateQuery.parse(null, null, "2", token));
            seen.addAll(ids(page));
            token = page.nextToken().orElse(null);
            pages++;
        } while (token != null);
        assertEquals(List.of("c4", "c3", "c2", "c1", "c0"), seen);
        assertEquals(3, pages);
    }

    @Test
    void deletedCertificatesAreNotListed() {
        Certificate up = h.add(TestCertificates.uploaded("up", DAY));
        h.delete.delete(ACCOUNT_A, up.id(), Actor.customer(ACCOUNT_A, "a"));
        assertTrue(h.queries.list(ACCOUNT_A, CertificateQuery.firstPage(20)).items().isEmpty());
    }

    @Test
    void everyViewOfACertificateInItsWindowShowsTheLatestSafeDateToApply() {
        Certificate dv = h.add(TestCertificates.issued("dv", ValidationType.DV, DAY));

        CertificateView view = h.queries.get(ACCOUNT_A, dv.id());
        CertificateView listed = h.queries.list(ACCOUNT_A, CertificateQuery.firstPage(20)).items().get(0);

        var advice = view.refundAdvice().orElseThrow();
        assertEquals(Instant.parse("2026-12-03T00:00:00Z"), advice.window().end());
        assertEquals(Optional.of(LocalDate.parse("2026-11-25")), advice.window().latestSafeApplyDate());
        assertEquals(RefundOutlook.ELIGIBLE, advice.outlookIfAppliedNow());
        assertEquals(view, listed);
        assertFalse(view.expired());
        assertFalse(view.downloadLocked());
    }

    @Test
    void noRefundAdviceOnceTheWindowClosedOrForUploadedCertificates() {
        Certificate dv = h.add(TestCertificates.issued("dv", ValidationType.DV, DAY));
        Certificate up = h.add(TestCertificates.uploaded("up", DAY));
        assertTrue(h.queries.get(ACCOUNT_A, up.id()).refundAdvice().isEmpty());
        h.clock.set(Instant.parse("2026-12-03T00:00:00Z"));
        assertTrue(h.queries.get(ACCOUNT_A, dv.id()).refundAdvice().isEmpty());
    }

    @Test
    void thePemCanBeDownloadedUntilARevocationIsSubmitted() {
        Certificate dv = h.add(TestCertificates.issued("dv", ValidationType.DV, DAY));
        CertificateQueries.Download download = h.queries.download(ACCOUNT_A, dv.id());
        assertEquals("dv.example.com.pem", download.fileName());
        assertEquals(dv.pemBundle(), download.pem());

        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        assertEquals(ErrorCode.CERTIFICATE_LOCKED, codeOf(() -> h.queries.download(ACCOUNT_A, dv.id())));
        assertTrue(h.queries.get(ACCOUNT_A, dv.id()).downloadLocked());
    }

    @Test
    void theAuditTrailListsEveryTransitionInOrder() {
        Certificate dv = h.add(TestCertificates.issued("dv", ValidationType.DV, DAY));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, dv.id(), 1), "token-1");

        var events = h.queries.events(ACCOUNT_A, dv.id());
        assertEquals(List.of(EventType.CERTIFICATE_ADDED, EventType.REVOCATION_REQUESTED, EventType.SUBMITTED_TO_CA),
                events.stream().map(e -> e.type()).toList());
        assertEquals(List.of(1L, 2L, 3L), events.stream().map(e -> e.sequence()).toList());
    }

    @Test
    void anotherAccountsCertificateAnswersExactlyLikeAMissingOne() {
        Certificate dv = h.add(TestCertificates.issued("dv", ValidationType.DV, DAY));
        var missing = new com.certshop.revocation.domain.model.CertificateId("missing");
        for (var id : List.of(dv.id(), missing)) {
            assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND, codeOf(() -> h.queries.get(ACCOUNT_B, id)));
            assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND, codeOf(() -> h.queries.download(ACCOUNT_B, id)));
            assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND, codeOf(() -> h.queries.events(ACCOUNT_B, id)));
        }
    }
}

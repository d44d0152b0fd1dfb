package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_B;
import static com.certshop.revocation.domain.usecase.SubmitRevocationTest.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Action;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.CertificateQuery;
import com.certshop.revocation.domain.port.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

        assertEquals(List.of("ov"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse("awaiting_confirmation", null, null, null, null))));
        assertEquals(List.of("dv", "up"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse(null, "DV", null, null, null))));
        assertEquals(List.of("dv"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse("ISSUED", "dv", null, "", ""))));
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
            Page<CertificateView> page = h.queries.list(ACCOUNT_A, CertificateQuery.parse(null, null, null, "2", token));
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
        assertFalse(h.queries.get(ACCOUNT_A, up.id()).refundWindowClosed(), "an uploaded certificate never had a window");
        assertFalse(h.queries.get(ACCOUNT_A, dv.id()).refundWindowClosed());
        h.clock.set(Instant.parse("2026-12-03T00:00:00Z"));
        assertTrue(h.queries.get(ACCOUNT_A, dv.id()).refundAdvice().isEmpty());
        assertTrue(h.queries.get(ACCOUNT_A, dv.id()).refundWindowClosed());
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

    private static Map<Action, Optional<ErrorCode>> actions(CertificateView view) {
        Map<Action, Optional<ErrorCode>> codes = new EnumMap<>(Action.class);
        view.actions().forEach((action, refusal) -> codes.put(action, refusal.map(CertificateView.Refusal::code)));
        return codes;
    }

    @Test
    void everyViewSaysWhichActionsAreAllowedAndWhatARefusedOneWouldAnswer() {
        Certificate dv = h.add(TestCertificates.issued("dv", ValidationType.DV, DAY));
        Certificate ov = h.add(TestCertificates.issued("ov", ValidationType.OV, DAY));
        Certificate up = h.add(TestCertificates.uploaded("up", DAY));
        Certificate old = h.add(TestCertificates.issued("old", ACCOUNT_A, ValidationType.DV, DAY.minus(Duration.ofDays(400)),
                DAY.minus(Duration.ofDays(3))));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, ov.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));

        assertEquals(Map.of(Action.REVOKE, Optional.empty(), Action.CANCEL, Optional.of(ErrorCode.NO_REVOCATION_TO_CANCEL),
                Action.DOWNLOAD, Optional.empty(), Action.DELETE, Optional.of(ErrorCode.REVOKE_FIRST)),
                actions(h.queries.get(ACCOUNT_A, dv.id())));
        assertEquals(Map.of(Action.REVOKE, Optional.of(ErrorCode.REVOCATION_IN_PROGRESS), Action.CANCEL, Optional.empty(),
                Action.DOWNLOAD, Optional.of(ErrorCode.CERTIFICATE_LOCKED), Action.DELETE,
                Optional.of(ErrorCode.REVOCATION_IN_PROGRESS)), actions(h.queries.get(ACCOUNT_A, ov.id())));
        assertEquals(Map.of(Action.REVOKE, Optional.of(ErrorCode.UPLOADED_NOT_REVOCABLE),
                Action.CANCEL, Optional.of(ErrorCode.NO_REVOCATION_TO_CANCEL), Action.DOWNLOAD, Optional.empty(),
                Action.DELETE, Optional.empty()), actions(h.queries.get(ACCOUNT_A, up.id())));
        assertEquals(Optional.of(ErrorCode.CERTIFICATE_EXPIRED), actions(h.queries.get(ACCOUNT_A, old.id())).get(Action.REVOKE));
        assertEquals(Optional.empty(), actions(h.queries.get(ACCOUNT_A, old.id())).get(Action.DELETE));

        // A refused action is refused by the real request with the same code and message.
        CertificateView.Refusal deleteDv = h.queries.get(ACCOUNT_A, dv.id()).actions().get(Action.DELETE).orElseThrow();
        DomainException real = assertThrows(DomainException.class, () -> h.delete.delete(ACCOUNT_A, dv.id(), Actor.customer(ACCOUNT_A, "a")));
        assertEquals(new CertificateView.Refusal(real.code(), real.getMessage()), deleteDv);
        CertificateView.Refusal downloadOv = h.queries.get(ACCOUNT_A, ov.id()).actions().get(Action.DOWNLOAD).orElseThrow();
        real = assertThrows(DomainException.class, () -> h.queries.download(ACCOUNT_A, ov.id()));
        assertEquals(new CertificateView.Refusal(real.code(), real.getMessage()), downloadOv);
    }

    @Test
    void theTermsAreTheSlaAndTheFiveReasonsWithLabels() {
        CertificateQueries.RevocationTerms terms = h.queries.terms();
        assertEquals(h.settings.caSlaBusinessDays(), terms.caSlaBusinessDays());
        assertEquals(List.of("unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation"),
                terms.reasons().stream().map(RevocationReason::rfcName).toList());
        assertTrue(terms.reasons().stream().noneMatch(r -> r.label().isBlank()));
    }

    @Test
    void aSearchFindsNamesByAnyPartInAnyCaseWithTheFiltersAndPages() {
        h.add(TestCertificates.issued("shop", ValidationType.DV, DAY));                    // shop.example.com, www.shop.example.com
        h.add(TestCertificates.issued("portal", ValidationType.OV, DAY.minusSeconds(1)));  // portal.example.com, www.portal...
        h.add(TestCertificates.uploaded("partner", DAY.minusSeconds(2)));                 // partner.example.org
        Certificate wild = Certificate.issued(new com.certshop.revocation.domain.model.CertificateId("wild"), ACCOUNT_A,
                ValidationType.DV, TestCertificates.pem(DAY.minusSeconds(3), DAY.plus(Duration.ofDays(90)), "*.Shop.example.net"),
                "admin@shop.example.net", "order-wild", TestCertificates.PRICE);
        h.add(wild);

        assertEquals(List.of("shop", "wild"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse(null, null, "SHOP", null, null))));
        assertEquals(List.of("shop"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse(null, null, "www.sh", null, null))));
        assertEquals(List.of("wild"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse(null, null, "*.shop", null, null))));
        assertEquals(List.of("partner"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse(null, null, ".org", null, null))));
        assertEquals(List.of("shop", "portal"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse("issued", null, "example.com", null, null))));
        assertEquals(List.of("portal"), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse(null, "OV", "example", null, null))));
        assertEquals(List.of(), ids(h.queries.list(ACCOUNT_A, CertificateQuery.parse(null, null, "shop.example.org", null, null))));
        // A space, which separates the stored names, or anything else no DNS name holds, is refused.
        for (String bad : List.of("com www", "shop\u0000", "sh\u0130p", "a".repeat(254), "%2A")) {
            assertEquals(ErrorCode.INVALID_SEARCH, codeOf(() -> CertificateQuery.parse(null, null, bad, null, null)), bad);
        }
        Page<CertificateView> first = h.queries.list(ACCOUNT_A, CertificateQuery.parse(null, null, "example", "2", null));
        assertEquals(List.of("shop", "portal"), ids(first));
        assertEquals(List.of("partner", "wild"), ids(h.queries.list(ACCOUNT_A,
                CertificateQuery.parse(null, null, "example", "2", first.nextToken().orElseThrow()))));
    }
}

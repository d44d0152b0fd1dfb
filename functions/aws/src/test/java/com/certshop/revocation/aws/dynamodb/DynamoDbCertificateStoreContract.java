package com.certshop.revocation.aws.dynamodb;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.Emulators;
import com.certshop.revocation.domain.RevocationSettings;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.CaWait;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.CertificateQuery;
import com.certshop.revocation.domain.port.Page;
import com.certshop.revocation.domain.refund.RefundPolicy;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

abstract class DynamoDbCertificateStoreContract {
    private static final Instant ISSUED = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-10T10:00:00Z");
    private static final Actor ALICE = Actor.customer(ACCOUNT_A, "alice");
    private final RefundPolicy refundPolicy = RevocationSettings.defaults().refundPolicy();
    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbCertificateStore store;
    private final DynamoDbCertificateListing listing;

    DynamoDbCertificateStoreContract(AwsEmulator aws) {
        dynamo = Emulators.dynamo(aws);
        table = Emulators.newTable(dynamo);
        store = new DynamoDbCertificateStore(dynamo, table);
        listing = new DynamoDbCertificateListing(dynamo, table, PageTokens.fromSecret("a-test-secret-of-some-length", new SecureRandom()));
    }

    private Certificate add(Certificate c) {
        store.add(c, AuditEvent.added(c, Actor.SYSTEM, c.issuedAt()));
        return c;
    }

    private Transition apply(Transition t) {
        assertTrue(store.apply(t), "transition should apply: " + t.auditEvent().map(e -> e.type().name()).orElse("quiet"));
        return t;
    }

    @Test
    void everyFieldOfACertificateSurvivesTheRoundTrip() {
        Certificate ov = add(TestCertificates.issued("ov1", ValidationType.OV, ISSUED));
        assertEquals(Optional.of(ov), store.find(ACCOUNT_A, ov.id()));

        Certificate awaiting = apply(Lifecycle.submit(ov, new RevocationRequest(RevocationReason.KEY_COMPROMISE, ALICE, "key-1"),
                refundPolicy.claimFor(ISSUED, NOW), NOW)).after();
        Certificate sent = apply(Lifecycle.confirmationSent(awaiting, 1, "token-" + "x".repeat(500), NOW)).after();
        Certificate revoking = apply(Lifecycle.confirm(sent, 1, Actor.applicant("admin@ov1.example.com"), NOW)).after();
        Certificate withCa = apply(Lifecycle.sentToCa(revoking, 1, "ca-1", CaWait.begin("t1", NOW, NOW.plusSeconds(60)), NOW)).after();
        Certificate checked = apply(Lifecycle.waitForCa(withCa, 1, withCa.revocation().caWait().checked(NOW.plusSeconds(3)))).after();
        Certificate overdue = apply(Lifecycle.overdue(checked, 1, checked.revocation().caWait().checked(NOW.plusSeconds(9)),
                NOW.plusSeconds(5))).after();
        Certificate revoked = apply(Lifecycle.revoked(overdue, 1, new RevocationEvidence("OCSP http://ocsp.example", NOW.plusSeconds(60), 1, NOW.plusSeconds(61)), NOW.plusSeconds(61))).after();

        assertEquals(Optional.of(revoked), store.find(ACCOUNT_A, ov.id()));
        Certificate uploaded = add(TestCertificates.uploaded("up1", ISSUED));
        assertEquals(Optional.of(uploaded), store.find(ACCOUNT_A, uploaded.id()));
    }

    @Test
    void aCertificateIsFoundOnlyInItsOwnAccount() {
        Certificate dv = add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));
        assertEquals(Optional.empty(), store.find(ACCOUNT_B, dv.id()));
        assertEquals(Optional.empty(), store.find(ACCOUNT_A, new CertificateId("nope")));
    }

    @Test
    void manyCertificatesAreReadTogetherAsEachIsFoundAlone() {
        // More than one BatchGetItem holds (100 keys), with an id asked twice, one unknown and one of another account.
        List<CertificateId> asked = new ArrayList<>();
        Map<CertificateId, Certificate> added = new HashMap<>();
        for (int i = 0; i < 110; i++) {
            Certificate c = add(TestCertificates.issued("many" + i, ValidationType.DV, ISSUED));
            asked.add(c.id());
            added.put(c.id(), c);
        }
        Certificate bobs = add(TestCertificates.issued("bob1", ACCOUNT_B, ValidationType.DV, ISSUED, NOW.plus(Duration.ofDays(90))));
        asked.add(asked.get(7));
        asked.add(new CertificateId("never-added"));
        asked.add(bobs.id());

        assertEquals(added, store.findAll(ACCOUNT_A, asked));
        assertEquals(Map.of(), store.findAll(ACCOUNT_A, List.of()));
    }

    @Test
    void aCertificateCannotBeAddedTwice() {
        Certificate dv = add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));
        assertThrows(IllegalStateException.class, () -> add(dv));
        assertEquals(1, store.events(ACCOUNT_A, dv.id()).size());
    }

    @Test
    void aTransitionFromAStaleStateWritesNothing() {
        Certificate dv = add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));
        RevocationRequest request = new RevocationRequest(RevocationReason.SUPERSEDED, ALICE, null);
        Transition first = Lifecycle.submit(dv, request, refundPolicy.claimFor(ISSUED, NOW), NOW);
        Transition second = Lifecycle.submit(dv, new RevocationRequest(RevocationReason.KEY_COMPROMISE, ALICE, null),
                refundPolicy.claimFor(ISSUED, NOW), NOW);

        assertTrue(store.apply(first));
        assertFalse(store.apply(second), "computed from the same, now stale, state");

        assertEquals(RevocationReason.SUPERSEDED, store.find(ACCOUNT_A, dv.id()).orElseThrow().revocation().reason());
        assertEquals(List.of(EventType.CERTIFICATE_ADDED, EventType.REVOCATION_REQUESTED),
                store.events(ACCOUNT_A, dv.id()).stream().map(AuditEvent::type).toList());
    }

    /**
     * The same transition sent again, as when its response was lost: it is written once whatever
     * the emulator answers. (DynamoDB answers true within ten minutes, because the transaction's
     * ClientRequestToken is the same; an emulator that ignores the token answers false.)
     */
    boolean sendTheSameTransitionTwice() {
        Certificate dv = add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));
        Transition submit = Lifecycle.submit(dv, new RevocationRequest(RevocationReason.SUPERSEDED, ALICE, null),
                refundPolicy.claimFor(ISSUED, NOW), NOW);

        assertTrue(store.apply(submit));
        boolean again = store.apply(submit);

        assertEquals(Optional.of(submit.after()), store.find(ACCOUNT_A, dv.id()));
        assertEquals(List.of(EventType.CERTIFICATE_ADDED, EventType.REVOCATION_REQUESTED),
                store.events(ACCOUNT_A, dv.id()).stream().map(AuditEvent::type).toList());
        return again;
    }

    @Test
    void theSameTransitionSentAgainIsWrittenOnce() {
        sendTheSameTransitionTwice();
    }

    @Test
    void theAuditTrailComesBackInOrderWithAllItsFacts() {
        Certificate ov = add(TestCertificates.issued("ov1", ValidationType.OV, ISSUED));
        Certificate awaiting = apply(Lifecycle.submit(ov, new RevocationRequest(RevocationReason.SUPERSEDED, ALICE, null),
                refundPolicy.claimFor(ISSUED, NOW), NOW)).after();
        Transition lapse = apply(Lifecycle.lapse(awaiting, 1, LapseCause.CANCELLED_BY_CUSTOMER, ALICE, NOW.plusSeconds(3)));

        List<AuditEvent> events = store.events(ACCOUNT_A, ov.id());
        assertEquals(3, events.size());
        assertEquals(lapse.event(), events.get(2));
        assertEquals("CANCELLED_BY_CUSTOMER", events.get(2).details().get("cause"));
    }

    @Test
    void listsNewestFirstWithFiltersAcrossPagesWithoutGapsOrRepeats() {
        List<String> expectedDv = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ValidationType type = i % 3 == 0 ? ValidationType.DV : ValidationType.OV;
            Certificate c = add(TestCertificates.issued("c" + (100 + i), type, ISSUED.plusSeconds(i)));
            if (type == ValidationType.DV) {
                expectedDv.add(0, c.id().value());
            }
        }
        add(TestCertificates.issued("other", ACCOUNT_B, ValidationType.DV, ISSUED, ISSUED.plus(Duration.ofDays(90))));

        assertEquals(expectedDv, listAll(CertificateQuery.parse(null, "DV", null, "1", null)));
        assertEquals(expectedDv, listAll(CertificateQuery.parse(null, "DV", null, "3", null)));
        List<String> all = listAll(CertificateQuery.parse(null, null, null, "5", null));
        assertEquals(12, all.size());
        assertEquals("c111", all.get(0));
        assertEquals("c100", all.get(11));
        assertEquals(List.of(), listAll(CertificateQuery.parse("REVOKED", null, null, "5", null)));
    }

    @Test
    void aSearchMatchesAnyPartOfTheNamesWithFiltersAndPagesByQueryNotScan() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // c100.example.com, www.c100.example.com ... and every third one is a DV.
            Certificate c = add(TestCertificates.issued("c" + (100 + i), i % 3 == 0 ? ValidationType.DV : ValidationType.OV,
                    ISSUED.plusSeconds(i)));
            if (c.id().value().startsWith("c10") && c.type() == ValidationType.DV) {
                expected.add(0, c.id().value());
            }
        }
        add(TestCertificates.issued("c109", ACCOUNT_B, ValidationType.DV, ISSUED, ISSUED.plus(Duration.ofDays(90))));

        assertEquals(expected, listAll(CertificateQuery.parse(null, "dv", "WWW.C10", "1", null)));
        assertEquals(List.of("c111", "c110"), listAll(CertificateQuery.parse(null, null, "c11", "5", null)));
        assertEquals(List.of("c105"), listAll(CertificateQuery.parse("ISSUED", null, "c105.example.com", "5", null)));
        assertEquals(List.of(), listAll(CertificateQuery.parse(null, null, "example.org", "5", null)));
        assertEquals(12, listAll(CertificateQuery.parse(null, null, ".com", "5", null)).size());
        // A page token is bound to its search: another search cannot continue it.
        String token = listing.list(ACCOUNT_A, CertificateQuery.parse(null, null, "c1", "2", null)).nextToken().orElseThrow();
        assertEquals(ErrorCode.INVALID_PAGE_TOKEN, assertThrows(DomainException.class, () -> listing.list(ACCOUNT_A,
                CertificateQuery.parse(null, null, "c10", "2", token))).code());
    }

    private List<String> listAll(CertificateQuery first) {
        List<String> ids = new ArrayList<>();
        CertificateQuery query = first;
        for (int pages = 0; pages < 50; pages++) {
            Page<Certificate> page = listing.list(ACCOUNT_A, query);
            page.items().forEach(c -> ids.add(c.id().value()));
            if (page.nextToken().isEmpty()) {
                return ids;
            }
            query = new CertificateQuery(first.status(), first.type(), first.search(), first.limit(), page.nextToken().get());
        }
        throw new AssertionError("paging does not end");
    }

    @Test
    void aPageTokenOpensOnlyForItsAccountAndListing() {
        for (int i = 0; i < 3; i++) {
            add(TestCertificates.issued("c" + i, ValidationType.DV, ISSUED.plusSeconds(i)));
        }
        String token = listing.list(ACCOUNT_A, CertificateQuery.firstPage(1)).nextToken().orElseThrow();

        assertEquals(1, listing.list(ACCOUNT_A, new CertificateQuery(Optional.empty(), Optional.empty(), Optional.empty(), 1, token)).items().size());
        for (CertificateQuery forged : List.of(
                new CertificateQuery(Optional.empty(), Optional.empty(), Optional.empty(), 2, token),
                new CertificateQuery(Optional.of(CertificateStatus.ISSUED), Optional.empty(), Optional.empty(), 1, token),
                new CertificateQuery(Optional.empty(), Optional.empty(), Optional.empty(), 1, token.substring(0, token.length() - 2) + "AA"),
                new CertificateQuery(Optional.empty(), Optional.empty(), Optional.empty(), 1, "not base64 at all!"))) {
            DomainException e = assertThrows(DomainException.class, () -> listing.list(ACCOUNT_A, forged));
            assertEquals(ErrorCode.INVALID_PAGE_TOKEN, e.code());
        }
        DomainException other = assertThrows(DomainException.class,
                () -> listing.list(ACCOUNT_B, new CertificateQuery(Optional.empty(), Optional.empty(), Optional.empty(), 1, token)));
        assertEquals(ErrorCode.INVALID_PAGE_TOKEN, other.code());
    }

    @Test
    void deletedCertificatesLeaveTheListingButKeepTheirTrail() {
        Certificate up = add(TestCertificates.uploaded("up1", ISSUED));
        apply(Lifecycle.delete(up, ALICE, NOW));
        assertTrue(listing.list(ACCOUNT_A, CertificateQuery.firstPage(10)).items().isEmpty());
        assertEquals(CertificateStatus.DELETED, store.find(ACCOUNT_A, up.id()).orElseThrow().status());
        assertEquals(2, store.events(ACCOUNT_A, up.id()).size());
    }

    @Test
    void pendingRefundsAreFoundWhenDueAndNotAfterSettlement() {
        Certificate dv = add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));
        Certificate revoking = apply(Lifecycle.submit(dv, new RevocationRequest(RevocationReason.SUPERSEDED, ALICE, null),
                refundPolicy.claimFor(ISSUED, NOW), NOW)).after();
        Instant windowEnd = revoking.revocation().refund().windowEnd();
        assertEquals(List.of(), store.pendingRefundsDueBy(windowEnd.minusMillis(1)));
        assertEquals(List.of(revoking), store.pendingRefundsDueBy(windowEnd));

        Certificate revoked = apply(Lifecycle.revoked(revoking, 1, new RevocationEvidence("simulated CA", NOW.plusSeconds(10), null, NOW.plusSeconds(20)), NOW.plusSeconds(20))).after();
        assertEquals(List.of(revoked), store.pendingRefundsDueBy(NOW.plusSeconds(20)));
        assertEquals(List.of(), store.pendingRefundsDueBy(NOW.plusSeconds(19)));

        apply(Lifecycle.refundSettled(revoked, revoked.revocation().refund().refunded("rf-1", NOW), NOW.plusSeconds(30)));
        assertEquals(List.of(), store.pendingRefundsDueBy(windowEnd.plus(Duration.ofDays(400))));
    }

    @Test
    void revocationsInProgressAreFoundByWhenTheyWereAppliedForUntilTheyFinish() {
        Certificate dv = add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));
        Certificate revoking = apply(Lifecycle.submit(dv, new RevocationRequest(RevocationReason.SUPERSEDED, ALICE, null),
                refundPolicy.claimFor(ISSUED, NOW), NOW)).after();
        add(TestCertificates.issued("dv2", ValidationType.DV, ISSUED));

        assertEquals(List.of(), store.revocationsInProgressSince(NOW.minusMillis(1)));
        assertEquals(List.of(revoking), store.revocationsInProgressSince(NOW));
        apply(Lifecycle.revoked(revoking, 1, new RevocationEvidence("simulated CA", NOW.plusSeconds(5), 4, NOW.plusSeconds(6)), NOW.plusSeconds(6)));
        assertEquals(List.of(), store.revocationsInProgressSince(NOW.plusSeconds(60)));
    }

    @Test
    void aRevocationInProgressWrittenBeforeTheShardsIsFoundUnderItsUnshardedKey() {
        Certificate dv = add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));
        Certificate revoking = apply(Lifecycle.submit(dv, new RevocationRequest(RevocationReason.SUPERSEDED, ALICE, null),
                refundPolicy.claimFor(ISSUED, NOW), NOW)).after();
        dynamo.updateItem(r -> r.tableName(table).key(CertificateItems.key(ACCOUNT_A, dv.id()))
                .updateExpression("SET #pk = :old")
                .expressionAttributeNames(Map.of("#pk", CertificateTable.IN_PROGRESS_PK))
                .expressionAttributeValues(Map.of(":old", AttributeValue.fromS(CertificateItems.IN_PROGRESS))));

        assertEquals(List.of(revoking), store.revocationsInProgressSince(NOW));
    }

    @Test
    void revocationsWaitingForTheCaAreFoundWhenTheirCheckIsDueLongestDueFirstAndBounded() {
        List<Certificate> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Certificate dv = add(TestCertificates.issued("dv" + i, ValidationType.DV, ISSUED));
            Certificate revoking = apply(Lifecycle.submit(dv, new RevocationRequest(RevocationReason.SUPERSEDED, ALICE, null),
                    refundPolicy.claimFor(ISSUED, NOW), NOW)).after();
            // Due one second apart, the last one first: the order must come from the due times, across shards.
            waiting.add(0, apply(Lifecycle.sentToCa(revoking, 1, "ca-" + i,
                    CaWait.begin("t" + i, NOW, NOW.plusSeconds(100 - i)), NOW)).after());
        }
        add(TestCertificates.issued("idle", ValidationType.DV, ISSUED));

        assertEquals(List.of(), store.caChecksDueBy(NOW.plusSeconds(80), 50));
        assertEquals(waiting.subList(0, 3), store.caChecksDueBy(NOW.plusSeconds(100), 3));
        assertEquals(waiting, store.caChecksDueBy(NOW.plusSeconds(100), 50));

        Certificate first = waiting.get(0);
        Transition later = Lifecycle.waitForCa(first, 1, first.revocation().caWait().checked(NOW.plusSeconds(500)));
        apply(later);
        assertEquals(3, store.events(ACCOUNT_A, first.id()).size(), "added, requested, handed over: the quiet change wrote no event");
        assertFalse(store.apply(later), "a quiet change also loses a race");
        assertEquals(19, store.caChecksDueBy(NOW.plusSeconds(100), 50).size());
        assertEquals(later.after(), store.caChecksDueBy(NOW.plusSeconds(500), 50).get(19));

        Certificate second = waiting.get(1);
        apply(Lifecycle.revoked(second, 1, new RevocationEvidence("simulated CA", NOW, 4, NOW), NOW.plusSeconds(6)));
        assertEquals(18, store.caChecksDueBy(NOW.plusSeconds(100), 50).size(), "a finished revocation leaves the index");
    }

    @Test
    void aRevocationWaitingForTheCaIsFoundByItsSerialNumberUntilItFinishes() {
        Certificate dv = add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));
        Certificate other = add(TestCertificates.issued("dv2", ValidationType.DV, ISSUED));
        String serial = dv.x509().serialNumber();
        assertEquals(List.of(), store.waitingForCaWithSerial(serial), "issued: nothing waits");
        Certificate revoking = apply(Lifecycle.submit(dv, new RevocationRequest(RevocationReason.SUPERSEDED, ALICE, null),
                refundPolicy.claimFor(ISSUED, NOW), NOW)).after();
        Certificate handedOver = apply(Lifecycle.sentToCa(revoking, 1, "ca-1", CaWait.begin("t1", NOW, NOW.plusSeconds(60)),
                NOW)).after();

        assertEquals(List.of(handedOver), store.waitingForCaWithSerial(serial));
        assertEquals(List.of(), store.waitingForCaWithSerial(other.x509().serialNumber()));

        apply(Lifecycle.revoked(handedOver, 1, new RevocationEvidence("simulated CA", NOW, 4, NOW), NOW.plusSeconds(6)));
        assertEquals(List.of(), store.waitingForCaWithSerial(serial), "a finished revocation leaves the index");
    }
}

package com.certshop.revocation.aws.dynamodb;

import static com.certshop.revocation.aws.dynamodb.Attributes.bool;
import static com.certshop.revocation.aws.dynamodb.Attributes.enumValue;
import static com.certshop.revocation.aws.dynamodb.Attributes.instant;
import static com.certshop.revocation.aws.dynamodb.Attributes.list;
import static com.certshop.revocation.aws.dynamodb.Attributes.map;
import static com.certshop.revocation.aws.dynamodb.Attributes.n;
import static com.certshop.revocation.aws.dynamodb.Attributes.requireS;
import static com.certshop.revocation.aws.dynamodb.Attributes.s;
import static com.certshop.revocation.aws.dynamodb.Attributes.stringMap;

import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.CaWait;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.Money;
import com.certshop.revocation.domain.model.Origin;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundDenial;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.RefundStatus;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.model.X509Details;
import com.certshop.revocation.domain.port.CertificateQuery;
import com.certshop.revocation.domain.port.UnreadableCertificateException;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps certificates and their audit events to and from items of {@link CertificateTable}. */
final class CertificateItems {
    static final String CERTIFICATE_SK = "CERT";
    static final String EVENT_SK_PREFIX = "EVENT#";
    static final String REFUND_PENDING = "REFUND_PENDING";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String CA_CHECK = "CA_CHECK";
    static final String CA_SERIAL = "CA_SERIAL";
    /**
     * The sweeps' indexes spread their items over this many partition keys ({@code IN_PROGRESS#7}),
     * so that a batch of due items is read, and the items are written, across partitions instead
     * of all on one; a sweep queries each shard.
     */
    static final int SHARDS = 16;

    private CertificateItems() {
    }

    static String partition(AccountId account, CertificateId id) {
        return "CERT#" + account.value() + "#" + id.value();
    }

    static String caSerialPartition(String serialNumber) {
        return CA_SERIAL + "#" + serialNumber;
    }

    static String listPartition(AccountId account) {
        return "ACCOUNT#" + account.value();
    }

    static Map<String, AttributeValue> key(AccountId account, CertificateId id) {
        return Map.of(CertificateTable.PK, AttributeValue.fromS(partition(account, id)),
                CertificateTable.SK, AttributeValue.fromS(CERTIFICATE_SK));
    }

    /** The shard of a certificate: fixed by its key (String.hashCode is specified), spread evenly. */
    static int shard(AccountId account, CertificateId id) {
        return Math.floorMod(partition(account, id).hashCode(), SHARDS);
    }

    static String shardKey(String prefix, int shard) {
        return prefix + "#" + shard;
    }

    /**
     * Index keys sort lexically, so instants go in as fixed-width epoch milliseconds: ISO text
     * drops trailing zeros and would sort 10:00:00Z after 10:00:00.5Z.
     */
    static String sortableInstant(Instant instant) {
        return String.format("%015d", instant.toEpochMilli());
    }

    static Map<String, AttributeValue> toItem(Certificate c) {
        Attributes item = Attributes.item()
                .s(CertificateTable.PK, partition(c.accountId(), c.id()))
                .s(CertificateTable.SK, CERTIFICATE_SK)
                .s("id", c.id().value())
                .s("accountId", c.accountId().value())
                .map("x509", x509(c.x509()))
                .s("type", c.type())
                .s("origin", c.origin())
                .s("applicantEmail", c.applicantEmail())
                .s("orderId", c.orderId())
                .s("status", c.status())
                .n("version", c.version())
                .map("revocation", c.revocation() == null ? null : revocation(c.revocation()));
        if (c.pricePaid() != null) {
            item.n("priceMinorUnits", c.pricePaid().minorUnits()).s("priceCurrency", c.pricePaid().currency().getCurrencyCode());
        }
        // A tombstone drops out of the listing index: the customer no longer sees it.
        if (c.status().visibleToCustomer()) {
            item.s(CertificateTable.LIST_PK, listPartition(c.accountId()))
                    .s(CertificateTable.LIST_SK, sortableInstant(c.issuedAt()) + "#" + c.id().value())
                    // What GET /certificates?q= matches by contains (README, "Finding a certificate").
                    .s(CertificateTable.SEARCH_NAMES, CertificateQuery.searchableNames(c));
        }
        // Only a pending claim is in the refunds-due index, which keeps that index small.
        RefundClaim claim = c.revocation() == null ? null : c.revocation().refund();
        if (claim != null && claim.isPending()) {
            item.s(CertificateTable.REFUNDS_DUE_PK, REFUND_PENDING)
                    .s(CertificateTable.REFUNDS_DUE_SK, sortableInstant(claim.dueAt()) + "#" + c.accountId() + "#" + c.id());
        }
        // Only revocations under way are in the sweeper's index.
        int shard = shard(c.accountId(), c.id());
        if (c.status().revocationInProgress()) {
            item.s(CertificateTable.IN_PROGRESS_PK, shardKey(IN_PROGRESS, shard))
                    .s(CertificateTable.IN_PROGRESS_SK, sortableInstant(c.revocation().requestedAt()) + "#" + c.accountId()
                            + "#" + c.id());
        }
        // Only revocations waiting for the CA are in the CA check's index, by the time of their next check.
        if (c.status() == CertificateStatus.REVOKING && c.revocation().caWait() != null) {
            item.s(CertificateTable.CA_CHECK_PK, shardKey(CA_CHECK, shard))
                    .s(CertificateTable.CA_CHECK_SK, sortableInstant(c.revocation().caWait().nextCheckAt()) + "#"
                            + c.accountId() + "#" + c.id());
            // And by serial number, for the CA's callback: a partition per serial, so no hot key.
            item.s(CertificateTable.CA_SERIAL_PK, caSerialPartition(c.x509().serialNumber()))
                    .s(CertificateTable.CA_SERIAL_SK, c.accountId() + "#" + c.id());
        }
        return item.build();
    }

    /**
     * @throws UnreadableCertificateException naming the item's key, for any attribute that is
     *         missing or malformed: the callers decide whether that fails a request or one item of
     *         a scheduled run, and the key tells an operator which item to repair
     */
    static Certificate fromItem(Map<String, AttributeValue> item) {
        try {
            return certificate(item);
        } catch (UnreadableCertificateException e) {
            throw e;
        } catch (RuntimeException e) {
            AttributeValue pk = item.get(CertificateTable.PK);
            throw new UnreadableCertificateException(pk == null ? "(no " + CertificateTable.PK + ")" : pk.s(), e);
        }
    }

    private static Certificate certificate(Map<String, AttributeValue> item) {
        Money price = item.containsKey("priceMinorUnits")
                ? Money.of(n(item, "priceMinorUnits"), requireS(item, "priceCurrency"))
                : null;
        Map<String, AttributeValue> revocation = map(item, "revocation");
        return new Certificate(
                new CertificateId(requireS(item, "id")),
                new AccountId(requireS(item, "accountId")),
                x509(map(item, "x509")),
                ValidationType.valueOf(requireS(item, "type")),
                Origin.valueOf(requireS(item, "origin")),
                s(item, "applicantEmail"),
                s(item, "orderId"),
                price,
                CertificateStatus.valueOf(requireS(item, "status")),
                revocation == null ? null : revocation(revocation),
                n(item, "version"));
    }

    /** The parsed facts are stored beside the PEM, so that reading a certificate never parses it again. */
    private static Map<String, AttributeValue> x509(X509Details x) {
        return Attributes.item()
                .s("serialNumber", x.serialNumber())
                .s("issuer", x.issuer())
                .s("subject", x.subject())
                .s("commonName", x.commonName())
                .list("subjectAlternativeNames", x.subjectAlternativeNames())
                .s("notBefore", x.notBefore())
                .s("notAfter", x.notAfter())
                .s("sha256Fingerprint", x.sha256Fingerprint())
                .s("spkiSha256", x.spkiSha256())
                .s("keyType", x.keyType())
                .s("pemChain", x.pemChain())
                .build();
    }

    private static X509Details x509(Map<String, AttributeValue> m) {
        return new X509Details(
                requireS(m, "serialNumber"),
                requireS(m, "issuer"),
                requireS(m, "subject"),
                requireS(m, "commonName"),
                list(m, "subjectAlternativeNames"),
                instant(m, "notBefore"),
                instant(m, "notAfter"),
                requireS(m, "sha256Fingerprint"),
                requireS(m, "spkiSha256"),
                requireS(m, "keyType"),
                requireS(m, "pemChain"));
    }

    private static Map<String, AttributeValue> revocation(Revocation r) {
        return Attributes.item()
                .n("attempt", r.attempt())
                .s("reason", r.reason())
                .s("requestedByKind", r.requestedBy().kind())
                .s("requestedById", r.requestedBy().id())
                .s("requestedAt", r.requestedAt())
                .s("idempotencyKey", r.idempotencyKey())
                .s("resumeStatus", r.resumeStatus())
                .bool("confirmationRequired", r.confirmationRequired())
                .s("taskToken", r.taskToken())
                .s("confirmationSentAt", r.confirmationSentAt())
                .s("confirmedAt", r.confirmedAt())
                .s("caRequestId", r.caRequestId())
                .s("submittedToCaAt", r.submittedToCaAt())
                .s("overdueSince", r.overdueSince())
                .s("revokedAt", r.revokedAt())
                .map("caEvidence", r.caEvidence() == null ? null : evidence(r.caEvidence()))
                .s("failureReason", r.failureReason())
                .s("lapseCause", r.lapseCause())
                .s("endedAt", r.endedAt())
                .map("refund", r.refund() == null ? null : refund(r.refund()))
                .map("caWait", r.caWait() == null ? null : caWait(r.caWait()))
                .s("batchId", r.batchId())
                .build();
    }

    private static Revocation revocation(Map<String, AttributeValue> m) {
        Map<String, AttributeValue> refund = map(m, "refund");
        Map<String, AttributeValue> evidence = map(m, "caEvidence");
        Map<String, AttributeValue> caWait = map(m, "caWait");
        return new Revocation(
                (int) n(m, "attempt"),
                RevocationReason.valueOf(requireS(m, "reason")),
                new Actor(Actor.Kind.valueOf(requireS(m, "requestedByKind")), requireS(m, "requestedById")),
                instant(m, "requestedAt"),
                s(m, "idempotencyKey"),
                CertificateStatus.valueOf(requireS(m, "resumeStatus")),
                bool(m, "confirmationRequired"),
                s(m, "taskToken"),
                instant(m, "confirmationSentAt"),
                instant(m, "confirmedAt"),
                s(m, "caRequestId"),
                instant(m, "submittedToCaAt"),
                instant(m, "overdueSince"),
                instant(m, "revokedAt"),
                evidence == null ? null : evidence(evidence),
                s(m, "failureReason"),
                enumValue(m, "lapseCause", LapseCause::valueOf),
                instant(m, "endedAt"),
                refund == null ? null : refund(refund),
                caWait == null ? null : caWait(caWait),
                s(m, "batchId"));
    }

    private static Map<String, AttributeValue> caWait(CaWait w) {
        return Attributes.item()
                .s("taskToken", w.taskToken())
                .s("since", w.since())
                .s("nextCheckAt", w.nextCheckAt())
                .n("checks", w.checks())
                .build();
    }

    private static CaWait caWait(Map<String, AttributeValue> m) {
        return new CaWait(requireS(m, "taskToken"), instant(m, "since"), instant(m, "nextCheckAt"), (int) n(m, "checks"));
    }

    private static Map<String, AttributeValue> evidence(RevocationEvidence e) {
        Attributes item = Attributes.item()
                .s("source", e.source())
                .s("revokedAt", e.revokedAt())
                .s("checkedAt", e.checkedAt());
        if (e.reasonCode() != null) {
            item.n("reasonCode", e.reasonCode());
        }
        return item.build();
    }

    private static RevocationEvidence evidence(Map<String, AttributeValue> m) {
        return new RevocationEvidence(requireS(m, "source"), instant(m, "revokedAt"),
                m.containsKey("reasonCode") ? (int) n(m, "reasonCode") : null, instant(m, "checkedAt"));
    }

    private static Map<String, AttributeValue> refund(RefundClaim c) {
        return Attributes.item()
                .s("outlook", c.outlook())
                .s("windowEnd", c.windowEnd())
                .s("status", c.status())
                .s("dueAt", c.dueAt())
                .s("denial", c.denial())
                .s("settledAt", c.settledAt())
                .s("refundReference", c.refundReference())
                .build();
    }

    private static RefundClaim refund(Map<String, AttributeValue> m) {
        return new RefundClaim(
                RefundOutlook.valueOf(requireS(m, "outlook")),
                instant(m, "windowEnd"),
                RefundStatus.valueOf(requireS(m, "status")),
                instant(m, "dueAt"),
                enumValue(m, "denial", RefundDenial::valueOf),
                instant(m, "settledAt"),
                s(m, "refundReference"));
    }

    static Map<String, AttributeValue> toItem(AccountId account, AuditEvent e) {
        return Attributes.item()
                .s(CertificateTable.PK, partition(account, e.certificateId()))
                .s(CertificateTable.SK, String.format("%s%010d", EVENT_SK_PREFIX, e.sequence()))
                .s("certificateId", e.certificateId().value())
                .n("sequence", e.sequence())
                .s("at", e.at())
                .s("actorKind", e.actor().kind())
                .s("actorId", e.actor().id())
                .s("type", e.type())
                .s("fromStatus", e.fromStatus())
                .s("toStatus", e.toStatus())
                .stringMap("details", e.details())
                .build();
    }

    static AuditEvent eventFromItem(Map<String, AttributeValue> item) {
        return new AuditEvent(
                new CertificateId(requireS(item, "certificateId")),
                n(item, "sequence"),
                instant(item, "at"),
                new Actor(Actor.Kind.valueOf(requireS(item, "actorKind")), requireS(item, "actorId")),
                EventType.valueOf(requireS(item, "type")),
                enumValue(item, "fromStatus", CertificateStatus::valueOf),
                CertificateStatus.valueOf(requireS(item, "toStatus")),
                stringMap(item, "details"));
    }
}

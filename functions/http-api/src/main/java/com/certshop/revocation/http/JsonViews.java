package com.certshop.revocation.http;

import com.certshop.revocation.domain.batch.Batch;
import com.certshop.revocation.domain.batch.ItemOutcome;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.model.Action;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.port.Page;
import com.certshop.revocation.domain.refund.RefundWindow;
import com.certshop.revocation.domain.usecase.BulkRevocation;
import com.certshop.revocation.domain.usecase.CertificateQueries;
import com.certshop.revocation.domain.usecase.CertificateView;
import com.certshop.revocation.domain.usecase.RevocationPreview;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the API shows of domain objects, as JSON-ready maps. Internal details (the PEM outside the
 * download route, workflow task tokens, idempotency keys) are never part of a view. Absent values
 * are left out rather than sent as null.
 */
public final class JsonViews {
    private JsonViews() {
    }

    /** A page of the listing, with the terms any revocation from it is applied under. */
    public static Map<String, Object> page(Page<CertificateView> page, CertificateQueries.RevocationTerms terms) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", page.items().stream().map(JsonViews::certificate).toList());
        page.nextToken().ifPresent(token -> json.put("nextToken", token));
        json.put("revocationTerms", terms(terms));
        return json;
    }

    private static Map<String, Object> terms(CertificateQueries.RevocationTerms terms) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("caSlaBusinessDays", terms.caSlaBusinessDays());
        json.put("reasons", terms.reasons().stream().map(r -> {
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("name", r.rfcName());
            reason.put("code", r.code());
            reason.put("label", r.label());
            return reason;
        }).toList());
        return json;
    }

    public static Map<String, Object> certificate(CertificateView view) {
        Certificate c = view.certificate();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id().value());
        json.put("commonName", c.commonName());
        json.put("subjectAlternativeNames", c.subjectAlternativeNames());
        json.put("type", c.type().name());
        json.put("origin", c.origin().name());
        json.put("status", c.status().name());
        json.put("issuedAt", c.issuedAt().toString());
        json.put("notAfter", c.notAfter().toString());
        json.put("serialNumber", c.x509().serialNumber());
        json.put("issuer", c.x509().issuer());
        json.put("subject", c.x509().subject());
        json.put("sha256Fingerprint", c.x509().sha256Fingerprint());
        json.put("publicKey", Map.of("type", c.x509().keyType(), "spkiSha256", c.x509().spkiSha256()));
        json.put("expired", view.expired());
        json.put("downloadLocked", view.downloadLocked());
        json.put("revocationInProgress", c.status().revocationInProgress());
        json.put("actions", actions(view.actions()));
        view.refundAdvice().ifPresent(advice -> json.put("refundWindow", refundWindow(advice)));
        json.put("refundWindowClosed", view.refundWindowClosed());
        if (c.revocation() != null) {
            json.put("revocation", revocation(c.revocation()));
        }
        json.put("version", c.version());
        return json;
    }

    /** Each action, allowed now or not; a refused one carries the error its request would get. */
    private static Map<String, Object> actions(Map<Action, Optional<CertificateView.Refusal>> actions) {
        Map<String, Object> json = new LinkedHashMap<>();
        actions.forEach((action, refusal) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("allowed", refusal.isEmpty());
            refusal.ifPresent(r -> entry.put("error", error(r.code().name(), r.message())));
            json.put(action.name().toLowerCase(Locale.ROOT), entry);
        });
        return json;
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return error;
    }

    /** A single dry run: what applying now would do, and the certificate as it stands, unchanged. */
    public static Map<String, Object> revocationPreview(SubmitRevocation.Preview preview) {
        RevocationPreview outcome = preview.outcome();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dryRun", true);
        json.put("outcome", outcome.outcome().name());
        outcome.refusal().ifPresent(e -> json.put("error", error(e.code().name(), e.getMessage())));
        json.put("confirmationRequired", outcome.confirmationTo().isPresent());
        outcome.confirmationTo().ifPresent(to -> json.put("confirmationTo", to));
        outcome.claim().ifPresent(claim -> json.put("refundOutlook", claim.outlook().name()));
        preview.certificate().refundAdvice().flatMap(advice -> advice.window().latestSafeApplyDate())
                .ifPresent(date -> json.put("latestSafeApplyDate", date.toString()));
        json.put("locksDownload", outcome.locksDownload());
        json.put("caSlaBusinessDays", preview.caSlaBusinessDays());
        json.put("certificate", certificate(preview.certificate()));
        return json;
    }

    private static Map<String, Object> refundWindow(CertificateView.RefundAdvice advice) {
        RefundWindow window = advice.window();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("endsAt", window.end().toString());
        json.put("lastDay", window.lastDay().toString());
        window.latestSafeApplyDate().ifPresent(date -> json.put("latestSafeApplyDate", date.toString()));
        json.put("outlookIfAppliedNow", advice.outlookIfAppliedNow().name());
        return json;
    }

    private static Map<String, Object> revocation(Revocation r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("attempt", r.attempt());
        json.put("reason", r.reason().rfcName());
        json.put("reasonCode", r.reason().code());
        json.put("requestedBy", r.requestedBy().id());
        json.put("requestedAt", r.requestedAt().toString());
        json.put("confirmationRequired", r.confirmationRequired());
        putInstant(json, "confirmationSentAt", r.confirmationSentAt());
        putInstant(json, "confirmedAt", r.confirmedAt());
        putInstant(json, "submittedToCaAt", r.submittedToCaAt());
        putInstant(json, "overdueSince", r.overdueSince());
        putInstant(json, "revokedAt", r.revokedAt());
        if (r.caEvidence() != null) {
            json.put("caEvidence", evidence(r.caEvidence()));
        }
        if (r.failureReason() != null) {
            json.put("failureReason", r.failureReason());
        }
        if (r.lapseCause() != null) {
            json.put("lapseCause", r.lapseCause().name());
        }
        putInstant(json, "endedAt", r.endedAt());
        if (r.refund() != null) {
            json.put("refund", refund(r.refund()));
        }
        return json;
    }

    /** The CA's own status that proved the revocation complete. */
    private static Map<String, Object> evidence(RevocationEvidence e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", e.source());
        json.put("revokedAt", e.revokedAt().toString());
        json.put("reason", e.reasonName());
        json.put("checkedAt", e.checkedAt().toString());
        return json;
    }

    private static Map<String, Object> refund(RefundClaim claim) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outlook", claim.outlook().name());
        json.put("status", claim.status().name());
        json.put("windowEnd", claim.windowEnd().toString());
        if (claim.denial() != null) {
            json.put("denial", claim.denial().name());
        }
        putInstant(json, "settledAt", claim.settledAt());
        if (claim.refundReference() != null) {
            json.put("reference", claim.refundReference());
        }
        return json;
    }

    public static Map<String, Object> events(List<AuditEvent> events) {
        return Map.of("items", events.stream().map(JsonViews::event).toList());
    }

    private static Map<String, Object> event(AuditEvent e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sequence", e.sequence());
        json.put("at", e.at().toString());
        json.put("type", e.type().name());
        json.put("actor", Map.of("kind", e.actor().kind().name(), "id", e.actor().id()));
        if (e.fromStatus() != null) {
            json.put("fromStatus", e.fromStatus().name());
        }
        json.put("toStatus", e.toStatus().name());
        json.put("details", e.details());
        return json;
    }

    /** The answer to a revocation application: the certificate now, and what it means for the refund. */
    public static Map<String, Object> submission(SubmitRevocation.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", result.certificate().certificate().status().name());
        json.put("refundOutlook", result.refundOutlook().name());
        if (result.refundAtRisk()) {
            json.put("warning", Map.of("code", "REFUND_AT_RISK", "message", "Fewer business days are left in the"
                    + " refund window than the CA may take: the revocation goes ahead, but a refund is not assured."));
        }
        json.put("certificate", certificate(result.certificate()));
        return json;
    }

    /** The answer to a bulk revocation: its id and where to follow it; the items are applied asynchronously. */
    public static Map<String, Object> batchSubmitted(BulkRevocation.Submitted submitted) {
        Batch batch = submitted.batch();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("batchId", batch.id().value());
        json.put("reason", batch.reason().rfcName());
        json.put("requested", batch.ids().size());
        json.put("moreMatching", batch.moreMatching());
        json.put("links", Map.of("self", "/revocations/" + batch.id().value()));
        return json;
    }

    /** A dry run: what applying would do to each item. */
    public static Map<String, Object> batchPreview(BulkRevocation.Preview preview) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dryRun", true);
        json.put("totals", totals(preview.items().stream().map(BulkRevocation.PreviewItem::outcome).toList()));
        json.put("moreMatching", preview.moreMatching());
        json.put("items", preview.items().stream().map(i -> {
            Map<String, Object> item = batchItem(i.certificateId(), i.outcome(), i.errorCode(), i.message());
            if (i.refundOutlook() != null) {
                item.put("refundOutlook", i.refundOutlook().name());
            }
            return item;
        }).toList());
        return json;
    }

    /** A batch and each of its items as they stand now. */
    public static Map<String, Object> batchReport(BulkRevocation.Report report) {
        Batch batch = report.batch();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("batchId", batch.id().value());
        json.put("reason", batch.reason().rfcName());
        json.put("requestedAt", batch.requestedAt().toString());
        json.put("status", report.status().name());
        json.put("moreMatching", batch.moreMatching());
        json.put("totals", totals(report.items().stream().map(BulkRevocation.ReportItem::outcome).toList()));
        json.put("items", report.items().stream().map(i -> {
            Map<String, Object> item = batchItem(i.certificateId(), i.outcome(), i.errorCode(), i.message());
            if (i.status() != null) {
                item.put("status", i.status().name());
            }
            return item;
        }).toList());
        return json;
    }

    private static Map<String, Object> batchItem(String id, ItemOutcome outcome, String errorCode, String message) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("certificateId", id);
        item.put("outcome", outcome.name());
        if (errorCode != null) {
            item.put("error", error(errorCode, message));
        }
        return item;
    }

    /** A count for every outcome, zeros included, so a client can read any total without a default. */
    private static Map<String, Integer> totals(List<ItemOutcome> outcomes) {
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (ItemOutcome o : ItemOutcome.values()) {
            totals.put(o.name(), 0);
        }
        outcomes.forEach(o -> totals.merge(o.name(), 1, Integer::sum));
        return totals;
    }

    private static void putInstant(Map<String, Object> json, String name, java.time.Instant instant) {
        if (instant != null) {
            json.put(name, instant.toString());
        }
    }
}

package com.certshop.revocation.aws.telemetry;

import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.port.SkippedItems;
import com.certshop.revocation.domain.port.UnreadableCertificateException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each item a scheduled run skipped, or whose workflow run an application could not start, as an
 * ERROR line of its own beside the run's or request's line: {@code message} (e.g.
 * {@code "CA check: item skipped"}), the run's {@code requestId}, {@code outcome}
 * FAILED, the item's {@code accountHash} and {@code certificateId} when it could be read,
 * {@code errorCode} (CERTIFICATE_UNREADABLE for an item that cannot be read, else the error's type)
 * and the {@code exception} with its stack trace. A scheduled run's own line counts them.
 */
public final class SkippedItemLog implements SkippedItems {
    private final String message;

    /** @param message what the line says happened, e.g. {@code refund check: item skipped} */
    public SkippedItemLog(String message) {
        this.message = message;
    }

    @Override
    public void skipped(Optional<Certificate> item, RuntimeException error) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message", message);
        Telemetry.current().ifPresent(run -> fields.put("requestId", run.requestId()));
        fields.put("outcome", Invocation.FAILED);
        item.ifPresent(c -> {
            fields.put("accountHash", Invocation.hash(c.accountId().value()));
            fields.put("certificateId", c.id().value());
        });
        fields.put("errorCode", error instanceof UnreadableCertificateException ? "CERTIFICATE_UNREADABLE"
                : error.getClass().getSimpleName());
        Telemetry.write(LogLine.Level.ERROR, fields, error);
    }
}

package com.certshop.revocation.aws.telemetry;

import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.port.SkippedItems;
import com.certshop.revocation.domain.port.UnreadableCertificateException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each item a scheduled run skipped, as an ERROR line of its own beside the run's line:
 * {@code message} ({@code "<run>: item skipped"}), the run's {@code requestId}, {@code outcome}
 * FAILED, the item's {@code accountHash} and {@code certificateId} when it could be read,
 * {@code errorCode} (CERTIFICATE_UNREADABLE for an item that cannot be read, else the error's type)
 * and the {@code exception} with its stack trace. The run's own line counts them.
 */
public final class SkippedItemLog implements SkippedItems {
    private final String message;

    /** @param run what the run is called in its own line, e.g. {@code refund check} */
    public SkippedItemLog(String run) {
        this.message = run + ": item skipped";
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

package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.model.Certificate;
import java.util.Optional;

/**
 * Where a scheduled run reports an item it could not process. The run counts it in its report and
 * goes on with the others; the item stays due, so the next run tries it again. An operator needs
 * to know which item and why: on AWS each becomes one JSON log line with the stack trace.
 */
public interface SkippedItems {

    /**
     * @param item  the certificate as read, or empty when reading it failed (an
     *              {@link UnreadableCertificateException}, whose message names its key)
     * @param error what went wrong
     */
    void skipped(Optional<Certificate> item, RuntimeException error);
}

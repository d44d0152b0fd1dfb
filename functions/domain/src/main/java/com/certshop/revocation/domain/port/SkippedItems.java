package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.model.Certificate;
import java.util.Optional;

/**
 * Where a use case reports an item it could not finish now and leaves to a later run: a scheduled
 * run's item (counted in the run's report; it stays due, so the next run tries it again), or an
 * application whose workflow run did not start (the stuck-revocation sweep starts it). An operator
 * needs to know which item and why: on AWS each becomes one JSON log line with the stack trace.
 */
public interface SkippedItems {

    /**
     * @param item  the certificate as read, or empty when reading it failed (an
     *              {@link UnreadableCertificateException}, whose message names its key)
     * @param error what went wrong
     */
    void skipped(Optional<Certificate> item, RuntimeException error);
}

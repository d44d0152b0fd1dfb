package com.certshop.revocation.local.pebble;

import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;

/** An ACME request failed, or the CA did not do what was asked; the message says which and why. */
public final class AcmeRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AcmeRequestException(String message) {
        super(message);
    }

    /**
     * @param attempt what was being done, such as "ordering a certificate for [a.example]"
     */
    AcmeRequestException(String attempt, AcmeException cause) {
        super(attempt + " failed: " + describe(cause), cause);
    }

    private static String describe(AcmeException e) {
        if (e instanceof AcmeServerException problem) {
            return "the CA answered " + problem.getType() + ": " + problem.getMessage();
        }
        return e.getCause() == null ? e.getMessage() : e.getMessage() + " (" + e.getCause() + ")";
    }
}

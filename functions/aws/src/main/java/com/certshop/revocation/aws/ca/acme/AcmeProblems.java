package com.certshop.revocation.aws.ca.acme;

import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.HandOver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * What an ACME error means for a revocation (RFC 8555 §6.7, §7.6). Problem types are outcomes, not
 * failures to bubble up: the CA may have done what we asked, refused it for good, or be unable to
 * answer right now.
 */
final class AcmeProblems {
    static final String PREFIX = "urn:ietf:params:acme:error:";
    /** The CA says no, and asking again would get the same answer: the customer must be told. */
    private static final Set<String> REFUSALS = Set.of("badRevocationReason", "unauthorized", "malformed");
    /** The CA cannot answer now; asking again later may work. */
    private static final Set<String> TRANSIENT = Set.of("rateLimited", "serverInternal", "badNonce");

    private AcmeProblems() {
    }

    /**
     * The outcome of a failed revokeCert call.
     *
     * @throws CaUnavailableException when the CA could not answer now (with the CA's Retry-After, if any)
     */
    static HandOver handOver(AcmeException e, Optional<Instant> retryAfter, String reference, Clock clock) {
        if (e instanceof AcmeServerException server) {
            String type = shortType(server);
            if ("alreadyRevoked".equals(type)) {
                // Our own earlier request whose answer was lost, or the key holder was faster: revoked either way.
                return new HandOver.Accepted(reference);
            }
            // A problem type we do not know is a refusal only if the CA said it was the client's fault
            // (a 4xx status in the problem); without a status, asking again is the safer guess.
            int status = httpStatus(server);
            if (REFUSALS.contains(type) || !TRANSIENT.contains(type) && status >= 400 && status < 500) {
                return new HandOver.Rejected(describe(server));
            }
        }
        throw unavailable(e, retryAfter, clock);
    }

    /** The transient form of an ACME error, carrying the CA's Retry-After when it sent one. */
    static CaUnavailableException unavailable(AcmeException e, Optional<Instant> retryAfterHeader, Clock clock) {
        Optional<Instant> until = e instanceof AcmeRateLimitedException limited && limited.getRetryAfter().isPresent()
                ? limited.getRetryAfter() : retryAfterHeader;
        Duration retryAfter = null;
        if (until.isPresent()) {
            Duration wait = Duration.between(clock.instant(), until.get());
            retryAfter = wait.isNegative() ? Duration.ZERO : wait;
        }
        String what = e instanceof AcmeNetworkException ? "the ACME server could not be reached"
                : e instanceof AcmeServerException server ? describe(server) : "the ACME server answered " + e.getMessage();
        return new CaUnavailableException("CA unavailable: " + what, retryAfter, e);
    }

    /** E.g. {@code unauthorized: The certificate being revoked is not associated with account "602579a0"}. */
    static String describe(AcmeServerException e) {
        return shortType(e) + ": " + e.getProblem().getDetail().orElse("(no detail)");
    }

    private static String shortType(AcmeServerException e) {
        String type = String.valueOf(e.getType());
        return type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
    }

    /** The HTTP status the problem document states (RFC 7807), or 0 when it states none. */
    private static int httpStatus(AcmeServerException e) {
        JSON problem = e.getProblem().asJSON();
        return problem.contains("status") ? problem.get("status").asInt() : 0;
    }
}

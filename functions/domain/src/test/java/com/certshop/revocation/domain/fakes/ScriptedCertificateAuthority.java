package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.HandOver;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.port.CertificateAuthority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A CA whose answers a test scripts: each status poll takes the next scripted answer, the last one
 * repeating; {@code null} in the script means a transient failure. Hand-overs are idempotent per
 * certificate and attempt, as the port demands, unless a test scripts them to fail or be refused.
 */
public final class ScriptedCertificateAuthority implements CertificateAuthority {
    /** Stands for "transient failure" in the script, which cannot hold nulls. */
    private static final CaStatus UNAVAILABLE = new CaStatus.Rejected("<unavailable>");

    private final Map<String, String> requestIds = new HashMap<>();
    private final Deque<CaStatus> script = new ArrayDeque<>();
    private int unavailableRequests;
    private Duration retryAfter;
    private String refusal;
    private String notSent;
    private int requestCalls;
    private int statusCalls;

    /** The CA's status for a revocation it completed at {@code revokedAt}, with the reason it was asked for. */
    public static CaStatus revoked(Instant revokedAt) {
        return new CaStatus.Revoked(new RevocationEvidence("scripted CA", revokedAt, null, revokedAt));
    }

    @Override
    public synchronized HandOver requestRevocation(Certificate certificate) {
        requestCalls++;
        if (unavailableRequests > 0) {
            unavailableRequests--;
            throw new CaUnavailableException("scripted: CA endpoint timed out", retryAfter, null);
        }
        if (refusal != null) {
            return new HandOver.Rejected(refusal);
        }
        if (notSent != null) {
            return new HandOver.NotSent(notSent);
        }
        String reference = certificate.id() + "/" + certificate.revocation().attempt();
        return new HandOver.Accepted(requestIds.computeIfAbsent(reference, r -> "ca-" + (requestIds.size() + 1)));
    }

    @Override
    public synchronized CaStatus status(Certificate certificate) {
        statusCalls++;
        CaStatus next = script.size() > 1 ? script.poll() : script.peek();
        if (next == UNAVAILABLE) {
            throw new CaUnavailableException("scripted: CA status endpoint returned 503");
        }
        return next == null ? new CaStatus.Pending() : next;
    }

    /** The answers to the next polls, in order; the last repeats. */
    public synchronized ScriptedCertificateAuthority answers(CaStatus... answers) {
        script.clear();
        for (CaStatus answer : answers) {
            script.add(answer == null ? UNAVAILABLE : answer);
        }
        return this;
    }

    public synchronized void failNextRequests(int n) {
        failNextRequests(n, null);
    }

    /** The next {@code n} hand-overs fail as a busy CA does, asking to come back after {@code wait} (null: no Retry-After). */
    public synchronized void failNextRequests(int n, Duration wait) {
        unavailableRequests = n;
        retryAfter = wait;
    }

    /** Every hand-over from now on is refused with the CA's {@code detail}. */
    public synchronized void refuseRequests(String detail) {
        refusal = detail;
    }

    /** Every hand-over from now on is withheld, as when the CA's status could never prove it complete. */
    public synchronized void withholdRequests(String why) {
        notSent = why;
    }

    public synchronized int requestCalls() {
        return requestCalls;
    }

    public synchronized int distinctRequests() {
        return requestIds.size();
    }

    public synchronized int statusCalls() {
        return statusCalls;
    }
}

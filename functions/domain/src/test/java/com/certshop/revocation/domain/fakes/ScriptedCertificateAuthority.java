package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.port.CertificateAuthority;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A CA whose answers a test scripts: each status poll takes the next scripted answer, the last one
 * repeating; {@code null} in the script means a transient failure. Requests are idempotent per
 * certificate and attempt, as the port demands.
 */
public final class ScriptedCertificateAuthority implements CertificateAuthority {
    /** Stands for "transient failure" in the script, which cannot hold nulls. */
    private static final CaStatus UNAVAILABLE = new CaStatus.Rejected("<unavailable>");

    private final Map<String, String> requestIds = new HashMap<>();
    private final Deque<CaStatus> script = new ArrayDeque<>();
    private int unavailableRequests;
    private int requestCalls;
    private int statusCalls;

    @Override
    public synchronized String requestRevocation(Certificate certificate) {
        requestCalls++;
        if (unavailableRequests > 0) {
            unavailableRequests--;
            throw new CaUnavailableException("simulated: CA endpoint timed out");
        }
        String reference = certificate.id() + "/" + certificate.revocation().attempt();
        return requestIds.computeIfAbsent(reference, r -> "ca-" + (requestIds.size() + 1));
    }

    @Override
    public synchronized CaStatus status(String caRequestId) {
        statusCalls++;
        CaStatus next = script.size() > 1 ? script.poll() : script.peek();
        if (next == UNAVAILABLE) {
            throw new CaUnavailableException("simulated: CA status endpoint returned 503");
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
        unavailableRequests = n;
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

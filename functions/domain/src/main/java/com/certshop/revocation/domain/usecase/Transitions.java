package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.Ending;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.port.CertificateStore;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read, decide, conditionally write; on a lost race, read again and decide again. Deciding on the
 * fresh state is what turns a concurrent change into the right answer (the other request's
 * revocation is now "in progress", the step is already done) instead of an error.
 */
final class Transitions {
    /** A handful of retries: contention on one certificate comes from one customer's few clicks. */
    private static final int ATTEMPTS = 3;

    private Transitions() {
    }

    /**
     * @param decide the transition to make from the current state, or empty if there is nothing
     *               to do; it may throw a {@link DomainException} to refuse
     */
    static Outcome update(CertificateStore store, AccountId account, CertificateId id,
            Function<Certificate, Optional<Transition>> decide) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Certificate current = find(store, account, id);
            Optional<Transition> transition = decide.apply(current);
            if (transition.isEmpty()) {
                return new Outcome(current, false);
            }
            if (store.apply(transition.get())) {
                return new Outcome(transition.get().after(), true);
            }
        }
        throw new DomainException(ErrorCode.CONCURRENT_UPDATE,
                "The certificate changed while this request was being handled. Please try again.");
    }

    /**
     * How the given attempt of the certificate ended: from the attempt itself while it is the latest,
     * from the trail once a later one replaced it (the certificate keeps only its latest; a later
     * attempt exists only once this one lapsed or failed). Empty while it is under way, and for a
     * number that is no attempt of this certificate: attempts count from 1, and SnapStart's priming
     * asks about attempt 0, which must read nothing more.
     */
    static Optional<Ending> endingOf(CertificateStore store, Certificate current, int attempt) {
        Revocation latest = current.revocation();
        if (latest == null || attempt < 1 || attempt > latest.attempt()) {
            return Optional.empty();
        }
        if (attempt == latest.attempt()) {
            return latest.ending();
        }
        String number = Integer.toString(attempt);
        boolean failed = store.events(current.accountId(), current.id()).stream()
                .anyMatch(e -> e.type() == EventType.REVOCATION_FAILED && number.equals(e.details().get("attempt")));
        return Optional.of(failed ? Ending.FAILED : Ending.LAPSED);
    }

    /** The certificate as stored, tombstones included; absent is a 404. */
    static Certificate find(CertificateStore store, AccountId account, CertificateId id) {
        return store.find(account, id).orElseThrow(Transitions::notFound);
    }

    /** The certificate as its owner sees it: a deleted one is as missing as one that never existed. */
    static Certificate visible(CertificateStore store, AccountId account, CertificateId id) {
        return requireVisible(find(store, account, id));
    }

    /** Refuses a deleted certificate exactly as a missing one. */
    static Certificate requireVisible(Certificate certificate) {
        if (certificate.status() == CertificateStatus.DELETED) {
            throw notFound();
        }
        return certificate;
    }

    private static DomainException notFound() {
        return new DomainException(ErrorCode.CERTIFICATE_NOT_FOUND, "No such certificate.");
    }

    /** The certificate after the update, and whether this call changed it. */
    record Outcome(Certificate certificate, boolean changed) {
    }
}

package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.port.CertificateListing;
import com.certshop.revocation.domain.port.CertificateQuery;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.Page;
import com.certshop.revocation.domain.port.UnreadableCertificateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The store in memory, with the same conditional-write contract as the DynamoDB one. A test can
 * slip a change in just before the next conditional write, to play the other side of a race.
 */
public final class InMemoryCertificateStore implements CertificateStore, CertificateListing {
    private final Map<Key, Certificate> certificates = new HashMap<>();
    private final Map<Key, List<AuditEvent>> events = new HashMap<>();
    private final java.util.Set<Key> unreadable = new java.util.HashSet<>();
    private Runnable beforeNextApply;
    private int applied;
    private int refusedApplies;

    @Override
    public synchronized void add(Certificate certificate, AuditEvent added) {
        Key key = new Key(certificate.accountId(), certificate.id());
        if (certificates.putIfAbsent(key, certificate) != null) {
            throw new IllegalStateException("already exists: " + certificate.id());
        }
        events.computeIfAbsent(key, k -> new ArrayList<>()).add(added);
    }

    @Override
    public synchronized Optional<Certificate> find(AccountId account, CertificateId id) {
        return Optional.ofNullable(read(new Key(account, id)));
    }

    @Override
    public synchronized Map<CertificateId, Certificate> findAll(AccountId account, Collection<CertificateId> ids) {
        Map<CertificateId, Certificate> found = new HashMap<>();
        ids.forEach(id -> find(account, id).ifPresent(c -> found.put(id, c)));
        return found;
    }

    @Override
    public synchronized Page<Certificate> list(AccountId account, CertificateQuery query) {
        List<Certificate> matching = certificates.values().stream()
                .filter(c -> c.belongsTo(account) && c.status().visibleToCustomer())
                .filter(query::matches)
                .sorted(Comparator.comparing(Certificate::issuedAt).reversed()
                        .thenComparing(c -> c.id().value()))
                .toList();
        int from = query.pageToken() == null ? 0 : offsetIn(query.pageToken(), account, query);
        int to = Math.min(matching.size(), from + query.limit());
        Optional<String> next = to < matching.size() ? Optional.of(tokenFor(account, query, to)) : Optional.empty();
        return new Page<>(matching.subList(Math.min(from, to), to), next);
    }

    @Override
    public synchronized Stream<Certificate> withStatus(AccountId account, CertificateStatus status) {
        return certificates.values().stream().filter(c -> c.belongsTo(account) && c.status() == status)
                .sorted(Comparator.comparing(Certificate::issuedAt).reversed()).toList().stream();
    }

    @Override
    public synchronized boolean apply(Transition transition) {
        if (beforeNextApply != null) {
            Runnable interference = beforeNextApply;
            beforeNextApply = null;
            interference.run();
        }
        Key key = new Key(transition.before().accountId(), transition.before().id());
        Certificate stored = certificates.get(key);
        if (stored == null || stored.status() != transition.expectedStatus()
                || stored.version() != transition.expectedVersion()) {
            refusedApplies++;
            return false;
        }
        certificates.put(key, transition.after());
        transition.auditEvent().ifPresent(e -> events.computeIfAbsent(key, k -> new ArrayList<>()).add(e));
        applied++;
        return true;
    }

    @Override
    public synchronized List<AuditEvent> events(AccountId account, CertificateId id) {
        return List.copyOf(events.getOrDefault(new Key(account, id), List.of()));
    }

    @Override
    public synchronized List<Certificate> revocationsInProgressSince(Instant cutoff) {
        return readLazily(certificates.values().stream()
                .filter(c -> c.status().revocationInProgress() && !c.revocation().requestedAt().isAfter(cutoff)));
    }

    @Override
    public synchronized List<Certificate> caChecksDueBy(Instant now, int max) {
        return readLazily(certificates.values().stream()
                .filter(c -> c.status() == com.certshop.revocation.domain.model.CertificateStatus.REVOKING)
                .filter(c -> c.revocation().caWait() != null && c.revocation().caWait().dueAt(now))
                .sorted(Comparator.comparing((Certificate c) -> c.revocation().caWait().nextCheckAt())
                        .thenComparing(c -> c.id().value()))
                .limit(max));
    }

    @Override
    public synchronized List<Certificate> waitingForCaWithSerial(String serialNumber) {
        return readLazily(certificates.values().stream()
                .filter(c -> c.status() == com.certshop.revocation.domain.model.CertificateStatus.REVOKING)
                .filter(c -> c.revocation().caWait() != null && c.x509().serialNumber().equals(serialNumber)));
    }

    @Override
    public synchronized List<Certificate> pendingRefundsDueBy(Instant cutoff) {
        return readLazily(certificates.values().stream()
                .filter(c -> c.revocation() != null && c.revocation().refund() != null)
                .filter(c -> c.revocation().refund().isPending() && !c.revocation().refund().dueAt().isAfter(cutoff)));
    }

    /** As the port says: each element is read when it is taken, so only an unreadable one throws. */
    private List<Certificate> readLazily(java.util.stream.Stream<Certificate> found) {
        List<Key> keys = found.map(c -> new Key(c.accountId(), c.id())).toList();
        return new java.util.AbstractList<>() {
            @Override
            public Certificate get(int index) {
                synchronized (InMemoryCertificateStore.this) {
                    return read(keys.get(index));
                }
            }

            @Override
            public int size() {
                return keys.size();
            }
        };
    }

    private Certificate read(Key key) {
        if (unreadable.contains(key)) {
            throw new UnreadableCertificateException("CERT#" + key.account().value() + "#" + key.id().value(),
                    new IllegalArgumentException("simulated: an attribute the model does not know"));
        }
        return certificates.get(key);
    }

    /**
     * Makes the stored certificate unreadable, as a malformed item would be: the scheduled queries
     * still find it (its index attributes are intact), but reading it throws.
     */
    public synchronized void corrupt(AccountId account, CertificateId id) {
        unreadable.add(new Key(account, id));
    }

    /** Runs {@code change} (typically a direct write through this store) right before the next conditional write. */
    public synchronized void beforeNextApply(Runnable change) {
        this.beforeNextApply = change;
    }

    /** Takes a certificate out entirely, as an operator deleting its item by hand would (tombstones stay otherwise). */
    public synchronized void forget(AccountId account, CertificateId id) {
        certificates.remove(new Key(account, id));
    }

    /** Replaces a certificate outright, as if another process had written it. */
    public synchronized void overwrite(Certificate certificate) {
        certificates.put(new Key(certificate.accountId(), certificate.id()), certificate);
    }

    public synchronized int appliedTransitions() {
        return applied;
    }

    public synchronized int refusedTransitions() {
        return refusedApplies;
    }

    private static String tokenFor(AccountId account, CertificateQuery query, int offset) {
        return account.value() + "|" + query.status() + "|" + query.type() + "|" + query.search() + "|" + offset;
    }

    private static int offsetIn(String token, AccountId account, CertificateQuery query) {
        String prefix = account.value() + "|" + query.status() + "|" + query.type() + "|" + query.search() + "|";
        if (!token.startsWith(prefix)) {
            throw new DomainException(ErrorCode.INVALID_PAGE_TOKEN, "This nextToken does not belong to this listing.");
        }
        try {
            return Integer.parseInt(token.substring(prefix.length()));
        } catch (NumberFormatException e) {
            throw new DomainException(ErrorCode.INVALID_PAGE_TOKEN, "This nextToken is not valid.");
        }
    }

    private record Key(AccountId account, CertificateId id) {
    }
}

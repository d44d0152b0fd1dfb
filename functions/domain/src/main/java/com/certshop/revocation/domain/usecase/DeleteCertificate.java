package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.port.CertificateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The customer removes a revoked, uploaded or expired certificate from their account. */
public final class DeleteCertificate {
    private final CertificateStore store;
    private final Clock clock;

    public DeleteCertificate(CertificateStore store, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
    }

    public void delete(AccountId account, CertificateId id, Actor customer) {
        Instant now = clock.instant();
        Transitions.update(store, account, id, current -> Optional.of(Lifecycle.delete(current, customer, now)));
    }
}

package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.Transition;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Certificates and their audit trails, always addressed within the owning account. The customer's
 * paged listing is {@link CertificateListing}: only the function that lists holds its page token key.
 */
public interface CertificateStore {

    /**
     * Stores a new certificate with its first audit event. Certificate ids are the shop's and unique
     * across accounts, not only within one: workflow run names and refund ledger keys are made from
     * the id alone (the account keys the item only to scope access).
     *
     * @throws IllegalStateException if a certificate with that id already exists in the account
     */
    void add(Certificate certificate, AuditEvent added);

    /**
     * The certificate, tombstones included; callers decide what a DELETED one means to them.
     *
     * @throws UnreadableCertificateException when the stored item cannot be read
     */
    Optional<Certificate> find(AccountId account, CertificateId id);

    /**
     * Several certificates of one account at once, as {@link #find} reads each (tombstones
     * included): a batch's report reads up to a thousand, in a few round trips instead of one each.
     * Ids without a certificate are absent from the answer.
     *
     * @throws UnreadableCertificateException when a stored item cannot be read
     */
    Map<CertificateId, Certificate> findAll(AccountId account, Collection<CertificateId> ids);

    /**
     * Writes {@code transition.after()} and its audit event, both or neither, but only if the
     * stored certificate still has the transition's expected status and version.
     *
     * @return false, writing nothing, when the certificate changed since it was read (a lost race)
     */
    boolean apply(Transition transition);

    /**
     * The account's certificates with this status, read page by page as the stream is consumed, so
     * a caller that stops early reads no further. For bulk selections; the listing API uses
     * {@link CertificateListing#list}.
     */
    Stream<Certificate> withStatus(AccountId account, CertificateStatus status);

    /** The audit trail, oldest first. */
    List<AuditEvent> events(AccountId account, CertificateId id);

    /**
     * Certificates of any account with a revocation in progress that was applied for at or before
     * {@code cutoff}. Like {@link #pendingRefundsDueBy}, each element is read when it is taken
     * from the list, so one stored item that cannot be read fails only its own {@code get}.
     */
    List<Certificate> revocationsInProgressSince(Instant cutoff);

    /**
     * Certificates of any account whose revocation waits for the CA with a check due at or before
     * {@code now}, those due longest first, at most {@code max} of them. Read like
     * {@link #pendingRefundsDueBy}: each element when it is taken from the list.
     */
    List<Certificate> caChecksDueBy(Instant now, int max);

    /**
     * Certificates of any account whose revocation waits for the CA, with this serial number
     * ({@link com.certshop.revocation.domain.model.X509Details#serialNumber}'s form): what a CA's
     * callback names. Serial numbers are unique per issuer only, so there may be more than one.
     * Read like {@link #pendingRefundsDueBy}.
     */
    List<Certificate> waitingForCaWithSerial(String serialNumber);

    /**
     * Certificates of any account whose revocation carries a PENDING refund claim due at or before
     * {@code cutoff}. Each element is read when it is taken from the list: {@code get(i)} throws
     * {@link UnreadableCertificateException} for an item that cannot be read, and the others
     * stay readable, so a scheduled run can skip that one item and go on.
     */
    List<Certificate> pendingRefundsDueBy(Instant cutoff);
}

package com.certshop.revocation.local;

import com.certshop.revocation.aws.ca.SimulatedCertificateAuthority;
import com.certshop.revocation.aws.dynamodb.DynamoDbCertificateStore;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.local.issuer.ThrowawayIssuer;
import com.certshop.revocation.local.pebble.AcmeOrdering;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Puts data into the local stack the way the shop's order system would: certificates as they are
 * issued (ordered from the local ACME CA) or uploaded, and, for demos and tests, how the simulated
 * CA should treat one.
 */
public final class LocalData {
    private final DynamoDbCertificateStore store;
    private final SimulatedCertificateAuthority simulatedCa;
    private final LocalCa ca;
    /** Issues third parties' certificates (uploads), and everything when the stack runs the simulated CA. */
    private final ThrowawayIssuer elsewhere = ThrowawayIssuer.create("Elsewhere CA (local stack)");

    LocalData(DynamoDbClient dynamo, String table, LocalCa ca) {
        this.store = new DynamoDbCertificateStore(dynamo, table);
        // The delay is a per-request setting of the function's own CA; scripting does not use it.
        this.simulatedCa = new SimulatedCertificateAuthority(dynamo, table, Clock.systemUTC(), Duration.ZERO);
        this.ca = ca;
    }

    /** Adds a certificate with its first audit event, as the order system hands it over. */
    public Certificate add(Certificate certificate) {
        store.add(certificate, AuditEvent.added(certificate, Actor.SYSTEM, certificate.issuedAt()));
        return certificate;
    }

    /**
     * How many times the scheduled CA check has asked the CA about the certificate's revocation
     * (its status, or its hand-over while the CA was unavailable); 0 before the first check.
     */
    public int caChecks(Certificate certificate) {
        return store.find(certificate.accountId(), certificate.id())
                .map(Certificate::revocation).map(r -> r.caWait() == null ? 0 : r.caWait().checks()).orElse(0);
    }

    /** True when the stack revokes at a real ACME CA (Pebble) rather than the simulated one. */
    public boolean acme() {
        return ca.isAcme();
    }

    /** A certificate ordered from the local ACME CA (Pebble) for these names and this validity. */
    public AcmeOrdering.Ordered order(List<String> names, Instant notBefore, Instant notAfter) {
        return ca.order(names, notBefore, notAfter);
    }

    /** Revokes a certificate at the CA with its own key, without the shop: what a key holder may do. */
    public void revokeAsKeyHolder(AcmeOrdering.Ordered certificate, int reasonCode) {
        ca.revokeAsKeyHolder(certificate, reasonCode);
    }

    /** Pauses the local CA (its process stops answering, its state kept) until {@link #resumeCa()}. */
    public void pauseCa() {
        ca.pebble().pause();
    }

    public void resumeCa() {
        ca.pebble().resume();
    }

    /** The local CA's management API (Pebble's), where its own view of a certificate's status is. */
    public URI caManagement() {
        return ca.pebble().management();
    }

    /** TLS trust for the local CA's HTTPS endpoints. */
    public SSLContext caTls() {
        return ca.pebble().sslContext();
    }

    /** A real certificate from a CA other than ours: expired ones, and third parties' for upload. Returns its PEM chain. */
    public String issueElsewhere(List<String> names, Instant notBefore, Instant notAfter) {
        return elsewhere.issue(new ThrowawayIssuer.Request(names, notBefore, notAfter, null, false)).pemChain();
    }

    /** Scripts the simulated CA for one certificate: its delay, a rejection, transient failures first. */
    public void scriptCa(CertificateId certificate, SimulatedCertificateAuthority.Script script) {
        simulatedCa.script(certificate, script);
    }
}

package com.certshop.revocation.local;

import com.certshop.revocation.aws.ca.SimulatedCertificateAuthority;
import com.certshop.revocation.aws.dynamodb.DynamoDbCertificateStore;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Puts data into the local stack the way the shop's order system would: certificates as they are
 * issued or uploaded, and (for demos and tests) how the simulated CA should treat one.
 */
public final class LocalData {
    private final DynamoDbCertificateStore store;
    private final SimulatedCertificateAuthority ca;

    LocalData(DynamoDbClient dynamo, String table) {
        this.store = new DynamoDbCertificateStore(dynamo, table, null);
        // The delay is a per-request setting of the function's own CA; scripting does not use it.
        this.ca = new SimulatedCertificateAuthority(dynamo, table, Clock.systemUTC(), Duration.ZERO);
    }

    /** Adds a certificate with its first audit event, as the order system hands it over. */
    public Certificate add(Certificate certificate) {
        store.add(certificate, AuditEvent.added(certificate, Actor.SYSTEM, certificate.issuedAt()));
        return certificate;
    }

    /** Scripts the simulated CA for one certificate: its delay, a rejection, transient failures first. */
    public void scriptCa(CertificateId certificate, SimulatedCertificateAuthority.Script script) {
        ca.script(certificate, script);
    }
}

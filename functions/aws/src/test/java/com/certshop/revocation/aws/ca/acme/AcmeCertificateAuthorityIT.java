package com.certshop.revocation.aws.ca.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.ca.CertificateAuthorityContract;
import com.certshop.revocation.aws.ca.status.PebbleStatusSource;
import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.HandOver;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.CertificateAuthority;
import com.certshop.revocation.local.issuer.ThrowawayIssuer;
import com.certshop.revocation.local.pebble.AcmeOrdering;
import com.certshop.revocation.local.pebble.PebbleServer;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Session;


/** The ACME adapter against Pebble, a real ACME CA: revokeCert signed by the ordering account, status from Pebble. */
class AcmeCertificateAuthorityIT extends CertificateAuthorityContract {
    private static PebbleServer pebble;
    private static Session session;
    private static AcmeOrdering orders;
    private static AcmeCertificateAuthority ca;

    @BeforeAll
    static void startPebble() {
        pebble = PebbleServer.start();
        session = AcmeSessions.open(pebble.directory(), pebble.sslContext());
        KeyPair accountKey = ThrowawayIssuer.newKeyPair();
        orders = AcmeOrdering.forAccount(session, accountKey);
        ca = new AcmeCertificateAuthority(session, () -> accountKey, new PebbleStatusSource(pebble.management(),
                HttpClient.newBuilder().sslContext(pebble.sslContext()).build(), Clock.systemUTC()), Clock.systemUTC());
    }

    @AfterAll
    static void stopPebble() {
        if (pebble != null) {
            pebble.close();
        }
    }

    @Override
    protected CertificateAuthority ca() {
        return ca;
    }

    @Override
    protected Certificate issued(String name) {
        return fromPebble(orders.order(List.of(name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example"),
                Instant.now().minus(Duration.ofDays(3)), Instant.now().plus(Duration.ofDays(87))).pemChain());
    }

    private static Certificate fromPebble(String pemChain) {
        return Certificate.issued(new CertificateId(UUID.randomUUID().toString()), TestCertificates.ACCOUNT_A,
                ValidationType.DV, pemChain, "admin@example.com", "order-1", TestCertificates.PRICE);
    }

    @Override
    protected void letTheCaWork() {
        // Pebble revokes at once and publishes the status at once.
    }

    @Override
    protected void takeTheCaDown(Certificate certificate) {
        pebble.pause();
    }

    @Override
    protected void bringTheCaBack() {
        pebble.resume();
    }

    @Override
    protected HandOver handOverWithUnsupportedReason(Certificate certificate) {
        // Pebble accepts every reason RFC 5280 names; 7 is the unassigned code, which no CA may accept.
        return ca.revoke(certificate.x509(), 7);
    }

    @Test
    void aReasonNoCaMayAcceptIsRefusedAsABadRevocationReason() {
        HandOver answer = handOverWithUnsupportedReason(appliedFor(issued("seven"), RevocationReason.SUPERSEDED));
        String detail = assertInstanceOf(HandOver.Rejected.class, answer).detail();
        assertTrue(detail.startsWith("badRevocationReason: "), detail);
    }

    @Test
    void anAccountThatDidNotOrderTheCertificateIsRefusedWithTheCasDetail() {
        KeyPair stranger = ThrowawayIssuer.newKeyPair();
        AcmeOrdering.forAccount(session, stranger);
        AcmeCertificateAuthority asStranger = new AcmeCertificateAuthority(session, () -> stranger,
                new PebbleStatusSource(pebble.management(), HttpClient.newBuilder().sslContext(pebble.sslContext()).build(),
                        Clock.systemUTC()), Clock.systemUTC());

        HandOver answer = asStranger.requestRevocation(appliedFor(issued("stranger"), RevocationReason.SUPERSEDED));

        String detail = assertInstanceOf(HandOver.Rejected.class, answer).detail();
        assertTrue(detail.startsWith("unauthorized: "), detail);
        assertTrue(detail.contains("not associated with account"), detail);
    }

    @Test
    void aCertificateItsKeyHolderRevokedFirstIsDoneWithTheReasonTheCaRecorded() {
        AcmeOrdering.Ordered ordered = orders.order(List.of("leaked-" + UUID.randomUUID().toString().substring(0, 8)
                + ".example"), Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(89)));
        AcmeOrdering.revokeWithCertificateKey(session, ordered, RevocationReason.KEY_COMPROMISE.code());
        Certificate applied = appliedFor(fromPebble(ordered.pemChain()), RevocationReason.SUPERSEDED);

        HandOver answer = ca.requestRevocation(applied);

        assertInstanceOf(HandOver.Accepted.class, answer, "alreadyRevoked is done, not an error");
        RevocationEvidence evidence = assertInstanceOf(CaStatus.Revoked.class,
                ca.status(handedOver(applied, answer))).evidence();
        assertEquals("keyCompromise", evidence.reasonName(), "the CA's reason stands, not the one we asked for");
        assertTrue(evidence.source().contains("/cert-status-by-serial/" + applied.x509().serialNumber()), evidence.source());
    }
}

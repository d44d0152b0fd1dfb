package com.certshop.revocation.aws.ca.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.model.X509Details;
import com.certshop.revocation.local.issuer.ThrowawayIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OCSP status source against a real responder, {@code openssl ocsp}. */
class OcspStatusSourceIT {
    private final ThrowawayIssuer ca = ThrowawayIssuer.create("OCSP test CA");
    private final int port = OpensslOcspResponder.freePort();
    private final OcspStatusSource source = new OcspStatusSource(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), Clock.systemUTC());

    private ThrowawayIssuer.Issued leaf(String name) {
        return ca.issue(ThrowawayIssuer.Request.forNames(name).withOcspResponder(URI.create("http://127.0.0.1:" + port)));
    }

    private OpensslOcspResponder responder;

    @AfterEach
    void stopResponder() {
        if (responder != null) {
            responder.close();
        }
    }

    private void serve(String signerPem, String signerKeyPem, List<OpensslOcspResponder.Entry> entries) {
        responder = OpensslOcspResponder.start(port, ca, signerPem, signerKeyPem, entries);
    }

    /** The responder signs with a delegated certificate, as large CAs do: issued by the CA for OCSP signing. */
    private void serveDelegated(List<OpensslOcspResponder.Entry> entries) {
        ThrowawayIssuer.Issued signer = ca.issue(ThrowawayIssuer.Request.forNames("OCSP responder").asOcspSigner());
        serve(signer.certificatePem(), signer.privateKeyPem(), entries);
    }

    @Test
    void aValidCertificateIsGood() {
        ThrowawayIssuer.Issued good = leaf("good.example");
        serveDelegated(List.of(OpensslOcspResponder.Entry.valid(good)));
        assertInstanceOf(RevocationStatusSource.SerialStatus.Good.class, source.check(X509Details.parse(good.pemChain())));
    }

    @Test
    void aRevokedCertificateComesWithTheResponderAsEvidenceItsTimeAndItsReason() {
        ThrowawayIssuer.Issued compromised = leaf("compromised.example");
        ThrowawayIssuer.Issued replaced = leaf("replaced.example");
        Instant at = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        serveDelegated(List.of(
                OpensslOcspResponder.Entry.revoked(compromised, at, "keyCompromise"),
                OpensslOcspResponder.Entry.revoked(replaced, at.plusSeconds(60), "superseded")));
        RevocationEvidence first = revoked(compromised);
        assertEquals(at, first.revokedAt());
        assertEquals(1, first.reasonCode());
        assertEquals("OCSP " + responder.url(), first.source());
        assertEquals(4, revoked(replaced).reasonCode());
    }

    @Test
    void theIssuerItselfMaySignTheResponse() {
        ThrowawayIssuer.Issued compromised = leaf("direct.example");
        Instant at = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        serve(ca.certificatePem(), ThrowawayIssuer.pem(ca.keyPair().getPrivate()),
                List.of(OpensslOcspResponder.Entry.revoked(compromised, at, "cessationOfOperation")));
        assertEquals(5, revoked(compromised).reasonCode());
    }

    @Test
    void aSerialTheResponderDoesNotKnowIsUnknown() {
        ThrowawayIssuer.Issued known = leaf("known.example");
        ThrowawayIssuer.Issued stranger = leaf("stranger.example");
        serveDelegated(List.of(OpensslOcspResponder.Entry.valid(known)));
        assertInstanceOf(RevocationStatusSource.SerialStatus.Unknown.class,
                source.check(X509Details.parse(stranger.pemChain())));
    }

    @Test
    void aResponseSignedByAKeyTheIssuerNeverVouchedForIsNotBelieved() {
        ThrowawayIssuer.Issued victim = leaf("victim.example");
        // An impostor's own "responder" certificate, from a CA that is not the victim's issuer.
        ThrowawayIssuer.Issued impostor = ThrowawayIssuer.create("Impostor CA")
                .issue(ThrowawayIssuer.Request.forNames("OCSP responder").asOcspSigner());
        serve(impostor.certificatePem(), impostor.privateKeyPem(),
                List.of(OpensslOcspResponder.Entry.revoked(victim, Instant.now().truncatedTo(ChronoUnit.SECONDS), "keyCompromise")));
        CaUnavailableException e = assertThrows(CaUnavailableException.class,
                () -> source.check(X509Details.parse(victim.pemChain())));
        assertTrue(e.getMessage().contains("not signed for the certificate's issuer"), e.getMessage());
    }

    @Test
    void aResponseSignedWithAnotherCertificateOfTheSameIssuerIsNotBelieved() {
        // Any customer of the CA holds such a certificate; without id-kp-OCSPSigning it speaks for nobody.
        ThrowawayIssuer.Issued victim = leaf("victim2.example");
        ThrowawayIssuer.Issued customer = ca.issue(ThrowawayIssuer.Request.forNames("customer.example"));
        serve(customer.certificatePem(), customer.privateKeyPem(),
                List.of(OpensslOcspResponder.Entry.revoked(victim, Instant.now().truncatedTo(ChronoUnit.SECONDS), "keyCompromise")));
        assertThrows(CaUnavailableException.class, () -> source.check(X509Details.parse(victim.pemChain())));
    }

    @Test
    void aDelegatedResponderWhoseCertificateExpiredIsNotBelieved() {
        ThrowawayIssuer.Issued revoked = leaf("late.example");
        Instant longAgo = Instant.now().minus(Duration.ofDays(30));
        ThrowawayIssuer.Issued expired = ca.issue(ThrowawayIssuer.Request.forNames("OCSP responder").asOcspSigner()
                .validBetween(longAgo, longAgo.plus(Duration.ofDays(7))));
        serve(expired.certificatePem(), expired.privateKeyPem(),
                List.of(OpensslOcspResponder.Entry.revoked(revoked, Instant.now().truncatedTo(ChronoUnit.SECONDS), "superseded")));
        assertThrows(CaUnavailableException.class, () -> source.check(X509Details.parse(revoked.pemChain())));
    }

    @Test
    void aCertificateWithoutAResponderOrWithoutItsIssuerCannotBeCheckedAndSaysWhyBeforeAnythingIsSent() {
        ThrowawayIssuer.Issued noAia = ca.issue(ThrowawayIssuer.Request.forNames("crl-only.example"));
        assertTrue(source.cannotCheck(X509Details.parse(noAia.pemChain())).orElseThrow().contains("names no OCSP responder"));
        ThrowawayIssuer.Issued alone = leaf("alone.example");
        assertTrue(source.cannotCheck(X509Details.parse(alone.certificatePem())).orElseThrow().contains("lacks the issuer"));
        assertTrue(source.cannotCheck(X509Details.parse(alone.pemChain())).isEmpty());
    }

    @Test
    void anUnreachableResponderIsTransient() {
        ThrowawayIssuer.Issued orphan = leaf("orphan.example");
        CaUnavailableException e = assertThrows(CaUnavailableException.class,
                () -> source.check(X509Details.parse(orphan.pemChain())));
        assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
    }

    private RevocationEvidence revoked(ThrowawayIssuer.Issued certificate) {
        return assertInstanceOf(RevocationStatusSource.SerialStatus.Revoked.class,
                source.check(X509Details.parse(certificate.pemChain()))).evidence();
    }
}

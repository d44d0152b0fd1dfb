package com.certshop.revocation.local.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrowawayIssuerTest {
    private final ThrowawayIssuer issuer = ThrowawayIssuer.create("Test root");

    @Test
    void issuesACertificateWithTheRequestedNamesAndValiditySignedByItsRoot() throws Exception {
        Instant from = Instant.now().minus(Duration.ofDays(420)).truncatedTo(ChronoUnit.SECONDS);
        ThrowawayIssuer.Issued issued = issuer.issue(ThrowawayIssuer.Request.forNames("expired.example", "127.0.0.1")
                .validFrom(from, Duration.ofDays(397)));
        X509Certificate leaf = issued.certificate();
        leaf.verify(issuer.keyPair().getPublic());
        assertEquals(from, leaf.getNotBefore().toInstant());
        assertEquals(from.plus(Duration.ofDays(397)), leaf.getNotAfter().toInstant());
        assertEquals(List.of(List.of(2, "expired.example"), List.of(7, "127.0.0.1")),
                List.copyOf(leaf.getSubjectAlternativeNames()));
        assertEquals("CN=expired.example", leaf.getSubjectX500Principal().getName());
        assertEquals(leaf.getSerialNumber().toString(16).toUpperCase(), issued.serialHex().replaceFirst("^0+", ""));
        assertTrue(issued.pemChain().endsWith(issuer.certificatePem()), "the chain ends with the root");
        assertTrue(issued.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void namesAnOcspResponderAndMakesDelegatedResponderCertificates() throws Exception {
        ThrowawayIssuer.Issued leaf = issuer.issue(ThrowawayIssuer.Request.forNames("ocsp.example")
                .withOcspResponder(URI.create("http://127.0.0.1:9/")));
        assertTrue(leaf.certificate().getExtensionValue("1.3.6.1.5.5.7.1.1") != null, "AIA present");
        ThrowawayIssuer.Issued responder = issuer.issue(ThrowawayIssuer.Request.forNames("responder").asOcspSigner());
        assertEquals(List.of("1.3.6.1.5.5.7.3.9"), responder.certificate().getExtendedKeyUsage());
    }
}

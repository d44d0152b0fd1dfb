package com.certshop.revocation.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.local.issuer.ThrowawayIssuer;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class X509DetailsTest {
    private static final Instant FROM = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant TO = Instant.parse("2027-12-04T10:00:00Z");

    @Test
    void readsWhatACustomerAndTheCaNeedFromTheCertificateItself() throws Exception {
        ThrowawayIssuer.Issued issued = TestCertificates.ISSUER.issue(ThrowawayIssuer.Request
                .forNames("shop.example", "www.shop.example", "192.0.2.7").validBetween(FROM, TO));
        X509Certificate leaf = issued.certificate();

        X509Details x509 = X509Details.parse(issued.pemChain());

        assertEquals(leaf.getSerialNumber(), new java.math.BigInteger(x509.serialNumber(), 16));
        assertTrue(x509.serialNumber().matches("([0-9A-F]{2})+"), "upper-case hex in whole bytes: " + x509.serialNumber());
        assertEquals("CN=Test CA,O=Throwaway issuer", x509.issuer());
        assertEquals("CN=shop.example", x509.subject());
        assertEquals("shop.example", x509.commonName());
        assertEquals(List.of("shop.example", "www.shop.example", "192.0.2.7"), x509.subjectAlternativeNames());
        assertEquals(FROM, x509.notBefore());
        assertEquals(TO, x509.notAfter());
        assertEquals(HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded())), x509.sha256Fingerprint());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(leaf.getPublicKey().getEncoded())), x509.spkiSha256());
        assertEquals("EC P-256", x509.keyType());
        assertEquals(2, X509Details.certificates(x509.pemChain()).size(), "the chain keeps the issuer");
    }

    @Test
    void aChainInAnyOrderIsStoredLeafFirstAndCertificatesOfAnotherChainAreRefused() {
        ThrowawayIssuer.Issued issued = TestCertificates.ISSUER.issue(ThrowawayIssuer.Request.forNames("order.example")
                .validBetween(FROM, TO));
        X509Details rootFirst = X509Details.parse(TestCertificates.ISSUER.certificatePem() + issued.certificatePem());
        assertEquals("order.example", rootFirst.commonName());
        assertEquals(issued.pemChain(), rootFirst.pemChain());

        String stranger = ThrowawayIssuer.create("Other CA").issue(ThrowawayIssuer.Request.forNames("x.example")).certificatePem();
        assertThrows(IllegalArgumentException.class, () -> X509Details.parse(issued.pemChain() + stranger));
    }

    @Test
    void refusesWhatIsNotACertificate() {
        assertThrows(IllegalArgumentException.class, () -> X509Details.parse(""));
        assertThrows(IllegalArgumentException.class, () -> X509Details.parse(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    }

    @Test
    void aSerialNumberWrittenElsewhereTakesTheFormTheCertificateGives() throws Exception {
        X509Details x509 = X509Details.parse(TestCertificates.pem(FROM, TO, "shop.example"));
        String lower = x509.serialNumber().toLowerCase(java.util.Locale.ROOT);
        String paired = String.join(":", lower.split("(?<=\\G..)"));

        assertEquals(x509.serialNumber(), X509Details.serialNumberOf(lower));
        assertEquals(x509.serialNumber(), X509Details.serialNumberOf(paired), paired);
        assertEquals(x509.serialNumber(), X509Details.serialNumberOf("00" + x509.serialNumber()), "a DER sign byte");
        assertEquals("0A", X509Details.serialNumberOf("a"), "whole bytes");
        assertEquals("80", X509Details.serialNumberOf("80"), "the magnitude, not a negative number");
        assertEquals("7F".repeat(20), X509Details.serialNumberOf("7f".repeat(20)));
    }

    @Test
    void whatIsNoSerialNumberIsRefusedWithItsOwnCode() {
        for (String bad : new String[] {null, "", " 0A", "0x0A", "0A:", ":0A", "0A::1B", "0A:1", "g1", "00", "0",
                "01".repeat(21), "-1", "0A 1B", "\u0660"}) {
            DomainException e = assertThrows(DomainException.class, () -> X509Details.serialNumberOf(bad), String.valueOf(bad));
            assertEquals(ErrorCode.INVALID_SERIAL_NUMBER, e.code());
        }
    }
}

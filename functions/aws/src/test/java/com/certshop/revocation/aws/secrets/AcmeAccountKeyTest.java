package com.certshop.revocation.aws.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.util.KeyPairUtils;

class AcmeAccountKeyTest {
    @Test
    void readsTheKeyPairAsOpensslAndAcme4jWriteIt() throws Exception {
        // Bouncy Castle's EC keys keep the public point in their encoding, as openssl's PEM does.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        StringWriter pem = new StringWriter();
        KeyPairUtils.writeKeyPair(key, pem);

        KeyPair read = AcmeAccountKey.parse(pem.toString(), "arn:secret");

        assertArrayEquals(key.getPublic().getEncoded(), read.getPublic().getEncoded());
        assertArrayEquals(key.getPrivate().getEncoded(), read.getPrivate().getEncoded());
    }

    @Test
    void readsAPkcs8RsaKeyAsOpenssl3GenrsaWritesIt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        KeyPair read = AcmeAccountKey.parse(pem, "arn:secret");

        assertArrayEquals(key.getPublic().getEncoded(), read.getPublic().getEncoded());
        assertArrayEquals(key.getPrivate().getEncoded(), read.getPrivate().getEncoded());
    }

    @Test
    void aPrivateKeyWithoutItsPublicHalfIsRefusedRatherThanGuessed() throws Exception {
        StringWriter pem = new StringWriter();
        KeyPairUtils.writeKeyPair(com.certshop.revocation.local.issuer.ThrowawayIssuer.newKeyPair(), pem);
        assertThrows(IllegalStateException.class, () -> AcmeAccountKey.parse(pem.toString(), "arn:secret"));
    }

    @Test
    void somethingElseIsRefusedWithoutEchoingTheSecret() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AcmeAccountKey.parse("s3cr3t-not-a-key", "arn:secret"));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }
}

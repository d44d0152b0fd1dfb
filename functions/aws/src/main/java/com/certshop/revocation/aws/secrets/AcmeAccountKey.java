package com.certshop.revocation.aws.secrets;

import com.certshop.revocation.domain.ca.CaUnavailableException;
import java.io.IOException;
import java.io.StringReader;
import java.security.KeyPair;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The ACME account key of the system that orders certificates, kept in Secrets Manager as a PEM key
 * pair (what {@code openssl ecparam -name prime256v1 -genkey -noout} or {@code openssl genrsa}
 * writes). Read once, on first use, and kept for the life of the execution environment.
 */
public final class AcmeAccountKey implements Supplier<KeyPair> {
    private final Supplier<SecretsManagerClient> secrets;
    private final String secretId;
    private KeyPair keyPair;

    /** @param secrets built on first use: a function that never revokes never builds the client */
    public AcmeAccountKey(Supplier<SecretsManagerClient> secrets, String secretId) {
        this.secrets = secrets;
        this.secretId = secretId;
    }

    @Override
    public synchronized KeyPair get() {
        if (keyPair == null) {
            String pem;
            try {
                pem = secrets.get().getSecretValue(r -> r.secretId(secretId)).secretString();
            } catch (SdkException e) {
                if (e.retryable()) {
                    // Throttling or a network hiccup: the workflow retries the step, as for a busy CA.
                    throw new CaUnavailableException("Secrets Manager could not be read: " + e.getMessage(), null, e);
                }
                throw e;
            }
            keyPair = parse(pem, secretId);
        }
        return keyPair;
    }

    static KeyPair parse(String pem, String secretId) {
        // What acme4j's KeyPairUtils.readKeyPair does, without naming that class: it also creates keys
        // through Bouncy Castle's JCA provider, and naming it would ship the whole provider (over
        // 5 MB, PQC included) in the workflow's jar. The keys here come from the JDK's providers.
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object read = parser.readObject();
            JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
            if (read instanceof PrivateKeyInfo pkcs8) {
                // "BEGIN PRIVATE KEY", what OpenSSL 3's genrsa writes.
                return new KeyPair(keys.getPublicKey(publicHalf(pkcs8)), keys.getPrivateKey(pkcs8));
            }
            return keys.getKeyPair((PEMKeyPair) read);
        } catch (IOException | RuntimeException e) {
            // Never echo the secret itself.
            throw new IllegalStateException("Secret " + secretId + " does not hold a PEM key pair with its public key"
                    + " (as openssl ecparam -genkey or openssl genrsa writes it)", e);
        }
    }

    /** An RSA private key holds its public half whole; an EC one holds it only when written with it. */
    private static SubjectPublicKeyInfo publicHalf(PrivateKeyInfo pkcs8) throws IOException {
        AlgorithmIdentifier algorithm = pkcs8.getPrivateKeyAlgorithm();
        if (algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
            RSAPrivateKey rsa = RSAPrivateKey.getInstance(pkcs8.parsePrivateKey());
            return new SubjectPublicKeyInfo(algorithm, new RSAPublicKey(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (algorithm.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            ASN1BitString point = ECPrivateKey.getInstance(pkcs8.parsePrivateKey()).getPublicKey();
            if (point != null) {
                return new SubjectPublicKeyInfo(algorithm, point.getBytes());
            }
        }
        throw new IllegalArgumentException("no public key to be had from a " + algorithm.getAlgorithm() + " private key");
    }
}

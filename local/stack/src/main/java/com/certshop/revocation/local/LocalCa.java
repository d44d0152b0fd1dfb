package com.certshop.revocation.local;

import com.certshop.revocation.aws.ca.CertificateAuthorities;
import com.certshop.revocation.aws.ca.acme.AcmeSessions;
import com.certshop.revocation.local.pebble.AcmeOrdering;
import com.certshop.revocation.local.pebble.PebbleServer;
import com.certshop.revocation.local.template.SamTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.util.KeyPairUtils;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The CA of the local stack. With the template's {@code CaAdapter} acme (its default) that is Pebble,
 * Let's Encrypt's ACME test server, started here: an ACME account is registered the way the shop's
 * order system holds one, its key goes into Secrets Manager (moto) where the workflow function
 * reads it as it would on AWS, and certificates are really ordered from Pebble. With
 * {@code CaAdapter} simulated there is no CA process, and certificates come from a throwaway issuer.
 */
final class LocalCa implements AutoCloseable {
    private final PebbleServer pebble;
    private final Session session;
    private final AcmeOrdering orders;
    private final String accountKeySecretArn;

    private LocalCa(PebbleServer pebble, Session session, AcmeOrdering orders, String accountKeySecretArn) {
        this.pebble = pebble;
        this.session = session;
        this.orders = orders;
        this.accountKeySecretArn = accountKeySecretArn;
    }

    static LocalCa start(SamTemplate template, String stackName, Map<String, String> parameters, URI moto) {
        String adapter = parameters.getOrDefault("CaAdapter",
                String.valueOf(SamTemplate.<Map<String, Object>>cast(template.parameters().get("CaAdapter")).get("Default")));
        if (!adapter.equals("acme")) {
            return new LocalCa(null, null, null, null);
        }
        PebbleServer pebble = PebbleServer.start();
        try {
            Session session = AcmeSessions.open(pebble.directory(), pebble.sslContext());
            KeyPair accountKey = accountKey();
            AcmeOrdering orders = AcmeOrdering.forAccount(session, accountKey);
            String arn;
            try (SecretsManagerClient secrets = EmulatedStack.client(SecretsManagerClient.builder(), moto)) {
                arn = secrets.createSecret(r -> r.name(stackName + "-acme-account-key")
                        .description("The ACME account key of the local order system (Pebble)")
                        .secretString(pem(accountKey))).arn();
            }
            return new LocalCa(pebble, session, orders, arn);
        } catch (RuntimeException e) {
            pebble.close();
            throw e;
        }
    }

    /** Template parameters this CA sets: the ACME directory, where status is read, and the account key's secret. */
    Map<String, String> parameters() {
        if (pebble == null) {
            return Map.of();
        }
        return Map.of(
                "CaAdapter", "acme",
                "AcmeDirectoryUrl", pebble.directory().toString(),
                "CaStatusSource", pebble.management().toString(),
                "AcmeAccountKeySecretArn", accountKeySecretArn);
    }

    /** What the functions need beyond the template: trust in Pebble's TLS certificate, made at its start. */
    Map<String, String> environment() {
        return pebble == null ? Map.of()
                : Map.of(CertificateAuthorities.CA_TRUST_PEM_FILE, pebble.trustedCertificatesPem().toString());
    }

    /** One line for a person: which CA, and where to look at it. */
    String describe() {
        return pebble == null ? "the simulated CA (CaAdapter=simulated)"
                : "Pebble, ACME directory " + pebble.directory() + ", management " + pebble.management()
                        + " (GET /cert-status-by-serial/{serialNumber})";
    }

    boolean isAcme() {
        return pebble != null;
    }

    /** Orders a certificate from Pebble as the shop's order system does; returns its PEM chain. */
    AcmeOrdering.Ordered order(List<String> names, Instant notBefore, Instant notAfter) {
        return requirePebble().order(names, notBefore, notAfter);
    }

    /** Revokes at the CA with the certificate's own key, as a key holder may without asking the shop. */
    void revokeAsKeyHolder(AcmeOrdering.Ordered certificate, int reasonCode) {
        requirePebble();
        AcmeOrdering.revokeWithCertificateKey(session, certificate, reasonCode);
    }

    PebbleServer pebble() {
        requirePebble();
        return pebble;
    }

    private AcmeOrdering requirePebble() {
        if (orders == null) {
            throw new IllegalStateException("this local stack runs the simulated CA (CaAdapter=simulated); there is no ACME CA to order from");
        }
        return orders;
    }

    /** EC P-256, made by Bouncy Castle so that its PEM carries the public key as openssl's does. */
    private static KeyPair accountKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(KeyPair key) {
        StringWriter out = new StringWriter();
        try {
            KeyPairUtils.writeKeyPair(key, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public void close() {
        if (pebble != null) {
            pebble.close();
        }
    }
}

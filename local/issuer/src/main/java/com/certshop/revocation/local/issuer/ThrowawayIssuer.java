package com.certshop.revocation.local.issuer;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority that lives for one process: a self-signed root with an EC P-256 key that
 * issues real X.509 certificates with whatever names and validity a test or a demo needs (already
 * expired, third-party "uploads", OCSP responders, the TLS certificate of a local server). Nothing
 * it issues is trusted anywhere unless a caller trusts {@link #certificate()} on purpose.
 */
public final class ThrowawayIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final X500Name name;
    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private ThrowawayIssuer(X500Name name, KeyPair keyPair, X509Certificate certificate) {
        this.name = name;
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A new root, valid from a day ago for ten years, named {@code CN=commonName, O=Throwaway issuer}. */
    public static ThrowawayIssuer create(String commonName) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Throwaway issuer")
                .addRDN(BCStyle.CN, commonName).build();
        KeyPair keyPair = newKeyPair();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            return new ThrowawayIssuer(name, keyPair, sign(builder, keyPair));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a throwaway root", e);
        }
    }

    /** The root certificate, to trust (or deliberately not). */
    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        return pem(certificate);
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** Issues a certificate as {@code request} describes, with a fresh EC P-256 key. */
    public Issued issue(Request request) {
        KeyPair leafKey = newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, request.names().get(0)).build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            List<GeneralName> names = new ArrayList<>();
            for (String n : request.names()) {
                names.add(IP_ADDRESS.matcher(n).matches() ? new GeneralName(GeneralName.iPAddress, n)
                        : new GeneralName(GeneralName.dNSName, n));
            }
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(request.notBefore()), Date.from(request.notAfter()), subject, leafKey.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(request.ocspSigning()
                            ? KeyPurposeId.id_kp_OCSPSigning : KeyPurposeId.id_kp_serverAuth));
            if (request.ocspResponder() != null) {
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        new AccessDescription(AccessDescription.id_ad_ocsp,
                                new GeneralName(GeneralName.uniformResourceIdentifier, request.ocspResponder().toString()))));
            }
            X509Certificate leaf = sign(builder, keyPair);
            return new Issued(leaf, leafKey, pem(leaf) + pem(certificate));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a throwaway certificate", e);
        }
    }

    /**
     * What to issue.
     *
     * @param names         DNS names or IPv4 addresses; the first is also the subject's CN
     * @param ocspResponder the OCSP responder to name in the AIA extension, or null for none
     * @param ocspSigning   true for a delegated OCSP responder's certificate (id-kp-OCSPSigning)
     *                      instead of a TLS server certificate
     */
    public record Request(List<String> names, Instant notBefore, Instant notAfter, URI ocspResponder,
            boolean ocspSigning) {
        public Request {
            names = List.copyOf(names);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a certificate needs at least one name");
            }
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(notAfter, "notAfter");
        }

        /** A TLS server certificate for the names, valid from a minute ago for 90 days. */
        public static Request forNames(String... names) {
            Instant now = Instant.now();
            return new Request(List.of(names), now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(90)), null, false);
        }

        public Request validFrom(Instant from, Duration validity) {
            return new Request(names, from, from.plus(validity), ocspResponder, ocspSigning);
        }

        public Request validBetween(Instant from, Instant to) {
            return new Request(names, from, to, ocspResponder, ocspSigning);
        }

        public Request withOcspResponder(URI responder) {
            return new Request(names, notBefore, notAfter, responder, ocspSigning);
        }

        public Request asOcspSigner() {
            return new Request(names, notBefore, notAfter, ocspResponder, true);
        }
    }

    /**
     * @param pemChain the certificate then this issuer's root, as PEM
     */
    public record Issued(X509Certificate certificate, KeyPair keyPair, String pemChain) {
        /** The serial as upper-case hex of its magnitude, whole bytes (what openssl's index files hold). */
        public String serialHex() {
            return String.format("%0" + (certificate.getSerialNumber().bitLength() + 7) / 8 * 2 + "X",
                    certificate.getSerialNumber());
        }

        public String certificatePem() {
            return pem(certificate);
        }

        /** The private key as PKCS#8 PEM, for servers that read their key from a file. */
        public String privateKeyPem() {
            return pem(keyPair.getPrivate());
        }
    }

    /** PEM text of a certificate or key. */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof PrivateKey key) {
                writer.writeObject(new JcaPKCS8Generator(key, null));
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[0] &= 0x7F; // positive, and no leading zero byte needed in DER
        bytes[0] |= 0x10; // never so small that leading zeros vanish from the hex
        return new BigInteger(1, bytes);
    }

    /** A fresh EC P-256 key pair (the JDK's own provider: nothing to register). */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has EC P-256", e);
        }
    }
}

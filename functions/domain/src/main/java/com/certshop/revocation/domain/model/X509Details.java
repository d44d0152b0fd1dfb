package com.certshop.revocation.domain.model;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.text.InputText;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * What a certificate says about itself, read from its X.509 encoding: the facts a customer and an
 * auditor look at, and the ones a CA needs to revoke it. {@link #parse} is the only way main code
 * makes one, so none of these fields is ever typed in by hand; a store may keep the parsed fields
 * beside the PEM so that reading a certificate does not parse it again.
 *
 * @param serialNumber       upper-case hex of the serial's magnitude, whole bytes, as {@code openssl x509 -serial} prints it
 * @param issuer             the issuer's distinguished name (RFC 2253)
 * @param subject            the subject's distinguished name (RFC 2253)
 * @param commonName         the subject's CN, or the first SAN when the subject has none
 * @param sha256Fingerprint  SHA-256 of the DER certificate, upper-case hex pairs joined by colons
 *                           ({@code openssl x509 -fingerprint -sha256})
 * @param spkiSha256         SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex: the key's identity
 *                           across certificates (what a key compromise revokes)
 * @param keyType            e.g. {@code EC P-256} or {@code RSA 2048}
 * @param pemChain           the leaf first, then the issuers the CA supplied, as PEM
 */
public record X509Details(
        String serialNumber,
        String issuer,
        String subject,
        String commonName,
        List<String> subjectAlternativeNames,
        Instant notBefore,
        Instant notAfter,
        String sha256Fingerprint,
        String spkiSha256,
        String keyType,
        String pemChain) {

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN CERTIFICATE-----\\s*([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");
    private static final int DNS_NAME = 2;
    /** The curves the CA/Browser Forum allows, by JDK name and the name people know them by. */
    private static final String[][] NIST_CURVES = {{"secp256r1", "P-256"}, {"secp384r1", "P-384"}, {"secp521r1", "P-521"}};
    private static final int IP_ADDRESS = 7;

    public X509Details {
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(commonName, "commonName");
        subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        Objects.requireNonNull(spkiSha256, "spkiSha256");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(pemChain, "pemChain");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
    }

    /**
     * Reads a PEM chain, leaf first. Anything that is not one or more X.509 certificates is refused
     * with an {@link IllegalArgumentException} that says why.
     */
    public static X509Details parse(String pemChain) {
        List<X509Certificate> chain = ordered(certificates(pemChain));
        X509Certificate leaf = chain.get(0);
        String subject = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
        List<String> sans = subjectAlternativeNames(leaf);
        String commonName = commonName(subject).orElse(sans.isEmpty() ? subject : sans.get(0));
        try {
            return new X509Details(
                    serialHex(leaf),
                    leaf.getIssuerX500Principal().getName(X500Principal.RFC2253),
                    subject,
                    commonName,
                    sans,
                    leaf.getNotBefore().toInstant(),
                    leaf.getNotAfter().toInstant(),
                    fingerprint(sha256(leaf.getEncoded())),
                    HexFormat.of().formatHex(sha256(leaf.getPublicKey().getEncoded())),
                    keyType(leaf.getPublicKey()),
                    pem(chain));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded again: " + e.getMessage(), e);
        }
    }

    /**
     * The chain leaf first, each certificate followed by the one that signed it, whatever order the
     * PEM came in. Refuses certificates that do not form one chain: storing an intermediate as the
     * customer's certificate, or an OCSP request naming the wrong issuer, must not happen.
     */
    static List<X509Certificate> ordered(List<X509Certificate> certificates) {
        List<X509Certificate> leaves = certificates.stream()
                .filter(c -> certificates.stream().noneMatch(other -> other != c && issued(c, other)))
                .toList();
        if (leaves.size() != 1) {
            throw new IllegalArgumentException("the PEM holds " + leaves.size()
                    + " certificates that sign no other; a chain has exactly one (its leaf)");
        }
        List<X509Certificate> chain = new ArrayList<>(List.of(leaves.get(0)));
        while (chain.size() < certificates.size()) {
            X509Certificate last = chain.get(chain.size() - 1);
            Optional<X509Certificate> issuer = certificates.stream()
                    .filter(c -> !chain.contains(c) && issued(c, last)).findFirst();
            if (issuer.isEmpty()) {
                throw new IllegalArgumentException("the PEM holds certificates that are not part of the leaf's chain");
            }
            chain.add(issuer.get());
        }
        return chain;
    }

    /** True when {@code issuer} signed {@code certificate}. */
    private static boolean issued(X509Certificate issuer, X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** The chain as the JDK's X.509 objects, in the order the PEM holds them (leaf first once parsed). */
    public static List<X509Certificate> certificates(String pemChain) {
        Objects.requireNonNull(pemChain, "pemChain");
        Matcher block = PEM_BLOCK.matcher(pemChain);
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (block.find()) {
                byte[] der = Base64.getMimeDecoder().decode(block.group(1));
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate (-----BEGIN CERTIFICATE-----) found");
        }
        return chain;
    }

    private static String serialHex(X509Certificate leaf) {
        return serialHex(leaf.getSerialNumber());
    }

    private static String serialHex(BigInteger serial) {
        byte[] magnitude = serial.toByteArray();
        int skip = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        return HexFormat.of().withUpperCase().formatHex(magnitude, skip, magnitude.length);
    }

    /** Hex digits, in any case, optionally as pairs joined by colons ({@code 0a:1b:2c}). */
    private static final Pattern SERIAL_INPUT = Pattern.compile("[0-9A-Fa-f]+|[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*");
    /** RFC 5280 §4.1.2.2: at most 20 octets; one more hex pair for a DER sign byte written out. */
    private static final int MAX_SERIAL_HEX_DIGITS = 42;

    /**
     * A serial number as someone else writes it (a CA's callback, an operator), in the form
     * {@link #serialNumber} has: so that the two can be compared as strings, e.g. as an index key.
     *
     * @throws DomainException INVALID_SERIAL_NUMBER unless it is the hex of a positive serial of at most 20 octets
     */
    public static String serialNumberOf(String written) {
        String hex = written == null ? "" : written.replace(":", "");
        if (written == null || !SERIAL_INPUT.matcher(written).matches() || hex.length() > MAX_SERIAL_HEX_DIGITS) {
            throw invalidSerial(written);
        }
        BigInteger serial = new BigInteger(hex, 16);
        if (serial.signum() == 0 || serial.bitLength() > 160) {
            throw invalidSerial(written);
        }
        return serialHex(serial);
    }

    private static DomainException invalidSerial(String written) {
        String rule = "serialNumber must be a certificate's serial number in hex (at most 20 octets, colons between pairs"
                + " allowed)";
        return new DomainException(ErrorCode.INVALID_SERIAL_NUMBER,
                written == null ? rule + "." : rule + ", not \"" + InputText.echo(written) + "\".");
    }

    private static List<String> subjectAlternativeNames(X509Certificate leaf) {
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (List<?> name : names) {
                int type = (Integer) name.get(0);
                if (type == DNS_NAME || type == IP_ADDRESS) {
                    out.add(name.get(1).toString());
                }
            }
            return out;
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable subjectAltName: " + e.getMessage(), e);
        }
    }

    private static Optional<String> commonName(String subject) {
        try {
            List<Rdn> rdns = new LdapName(subject).getRdns();
            // LdapName lists RDNs last-first; the most specific CN is the one a browser shows.
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdns.get(i).getValue().toString());
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private static String keyType(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            for (String[] curve : NIST_CURVES) {
                if (curveParameters(curve[0]).getOrder().equals(ec.getParams().getOrder())) {
                    return "EC " + curve[1];
                }
            }
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + "-bit";
        }
        return key.getAlgorithm().toUpperCase(Locale.ROOT);
    }

    private static ECParameterSpec curveParameters(String name) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(name));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every JDK knows " + name, e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String fingerprint(byte[] digest) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    private static String pem(List<X509Certificate> chain) throws CertificateException {
        StringBuilder out = new StringBuilder();
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate certificate : chain) {
            out.append("-----BEGIN CERTIFICATE-----\n")
                    .append(encoder.encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return out.toString();
    }
}

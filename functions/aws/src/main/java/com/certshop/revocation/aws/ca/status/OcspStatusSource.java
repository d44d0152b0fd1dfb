package com.certshop.revocation.aws.ca.status;

import com.certshop.revocation.aws.secrets.SnapshotSafeRandom;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.model.X509Details;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaCertificateID;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * OCSP (RFC 6960), how production CAs publish a certificate's status: asks the responder named in
 * the certificate's Authority Information Access extension, and believes only an answer signed by
 * the issuer itself or by a responder the issuer delegated (a certificate it signed, with the
 * id-kp-OCSPSigning purpose). Anything else is treated as no answer: a forged "revoked" must never
 * end a revocation, and a forged "good" must never hide one.
 */
public final class OcspStatusSource implements RevocationStatusSource {
    /** Responders and we may disagree on the time a little; RFC 6960 leaves the tolerance to the client. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final HttpClient http;
    private final Clock clock;
    /** Made on the first nonce, which is after any SnapStart restore: the CA is never asked while priming. */
    private final SecureRandom nonces = new SnapshotSafeRandom();

    public OcspStatusSource(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Optional<String> cannotCheck(X509Details certificate) {
        List<X509Certificate> chain = X509Details.certificates(certificate.pemChain());
        if (chain.size() < 2 || !signedBy(chain.get(0), chain.get(1))) {
            return Optional.of("its stored chain lacks the issuer, which an OCSP request names");
        }
        if (responder(chain.get(0)).isEmpty()) {
            return Optional.of("it names no OCSP responder (its CA publishes revocations otherwise, e.g. only in CRLs)");
        }
        return Optional.empty();
    }

    @Override
    public SerialStatus check(X509Details certificate) {
        cannotCheck(certificate).ifPresent(why -> {
            throw new IllegalStateException("OCSP cannot check certificate " + certificate.serialNumber() + ": " + why);
        });
        List<X509Certificate> chain = X509Details.certificates(certificate.pemChain());
        X509Certificate leaf = chain.get(0);
        X509Certificate issuer = chain.get(1);
        URI responder = responder(leaf).orElseThrow();
        try {
            CertificateID id = new JcaCertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), issuer, leaf.getSerialNumber());
            byte[] random = new byte[16];
            nonces.nextBytes(random);
            // RFC 8954: the nonce is an OCTET STRING inside the extension's value.
            Extension nonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(new DEROctetString(random).getEncoded()));
            byte[] request = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(nonce))
                    .build().getEncoded();
            BasicOCSPResp response = basicResponse(post(responder, request), responder);
            requireSignedFor(issuer, response, responder);
            requireNonceEchoed(response, nonce, responder);
            SingleResp answer = Arrays.stream(response.getResponses()).filter(r -> r.getCertID().equals(id)).findFirst()
                    .orElseThrow(() -> new CaUnavailableException("OCSP " + responder
                            + " answered about other certificates", null, null));
            requireCurrent(answer, responder);
            CertificateStatus status = answer.getCertStatus();
            if (status == CertificateStatus.GOOD) {
                return new SerialStatus.Good();
            }
            if (status instanceof UnknownStatus) {
                return new SerialStatus.Unknown();
            }
            RevokedStatus revoked = (RevokedStatus) status;
            return new SerialStatus.Revoked(new RevocationEvidence("OCSP " + responder,
                    revoked.getRevocationTime().toInstant(),
                    revoked.hasRevocationReason() ? revoked.getRevocationReason() : null, clock.instant()));
        } catch (OCSPException | OperatorCreationException | IOException | CertificateException e) {
            throw new CaUnavailableException("OCSP " + responder + " gave no usable answer: " + e.getMessage(), null, e);
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The OCSP responder URL in the certificate's Authority Information Access extension. */
    static Optional<URI> responder(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (extension == null) {
            return Optional.empty();
        }
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                ASN1OctetString.getInstance(extension).getOctets());
        for (AccessDescription description : aia.getAccessDescriptions()) {
            GeneralName location = description.getAccessLocation();
            if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                    && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                return Optional.of(URI.create(location.getName().toString()));
            }
        }
        return Optional.empty();
    }

    private byte[] post(URI responder, byte[] request) {
        // HTTP/1.1 plainly: responders are often minimal servers that an h2c upgrade offer confuses.
        HttpRequest post = HttpRequest.newBuilder(responder).version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/ocsp-request")
                .header("Accept", "application/ocsp-response")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
        HttpResponse<byte[]> response;
        try {
            try {
                response = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException | HttpTimeoutException e) {
                throw e;
            } catch (IOException e) {
                // HTTP/1.0 responders close after each answer without saying so; the client may have
                // reused that closed connection, and it retries only GETs by itself. Once more, fresh.
                response = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
            }
        } catch (IOException e) {
            throw new CaUnavailableException("OCSP " + responder + " could not be reached: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaUnavailableException("interrupted while asking OCSP " + responder, null, e);
        }
        if (response.statusCode() != 200) {
            throw new CaUnavailableException("OCSP " + responder + " answered HTTP " + response.statusCode(), null, null);
        }
        return response.body();
    }

    private static BasicOCSPResp basicResponse(byte[] body, URI responder) throws IOException, OCSPException {
        OCSPResp response = new OCSPResp(body);
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            // tryLater and internalError are what a busy responder says; the others mean it will not answer us.
            throw new CaUnavailableException("OCSP " + responder + " refused to answer (OCSPResponseStatus "
                    + response.getStatus() + ")", null, null);
        }
        if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
            throw new CaUnavailableException("OCSP " + responder + " sent a response type this client does not read",
                    null, null);
        }
        return basic;
    }

    /** Signed by the issuer, or by a responder certificate the issuer signed for OCSP signing (RFC 6960 §4.2.2.2). */
    private void requireSignedFor(X509Certificate issuer, BasicOCSPResp response, URI responder)
            throws OperatorCreationException, CertificateException {
        JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
        ContentVerifierProvider byIssuer = verifiers.build(issuer.getPublicKey());
        if (verifies(response, byIssuer)) {
            return;
        }
        X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
        for (X509CertificateHolder delegate : response.getCerts()) {
            boolean delegated = delegate.getIssuer().equals(issuerHolder.getSubject())
                    && isSignedBy(delegate, byIssuer)
                    && delegate.isValidOn(Date.from(clock.instant()))
                    && hasOcspSigningPurpose(delegate);
            if (delegated && verifies(response, verifiers.build(delegate))) {
                return;
            }
        }
        throw new CaUnavailableException("OCSP " + responder + " sent a response not signed for the certificate's issuer;"
                + " it is not believed", null, null);
    }

    /** A signature by another algorithm than the key's (an RSA signature checked with an EC key) throws; it is no match. */
    private static boolean verifies(BasicOCSPResp response, ContentVerifierProvider verifier) {
        try {
            return response.isSignatureValid(verifier);
        } catch (OCSPException e) {
            return false;
        }
    }

    private static boolean isSignedBy(X509CertificateHolder certificate, ContentVerifierProvider verifier) {
        try {
            return certificate.isSignatureValid(verifier);
        } catch (CertException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasOcspSigningPurpose(X509CertificateHolder certificate) {
        ExtendedKeyUsage usage = ExtendedKeyUsage.fromExtensions(certificate.getExtensions());
        return usage != null && usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }

    /** A responder that echoes a nonce must echo ours; one that omits it (caching responders do) is allowed. */
    private static void requireNonceEchoed(BasicOCSPResp response, Extension nonce, URI responder) {
        Extension echoed = response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed != null && !echoed.getExtnValue().equals(nonce.getExtnValue())) {
            throw new CaUnavailableException("OCSP " + responder + " answered another request (nonce mismatch)", null, null);
        }
    }

    /** thisUpdate not in the future and nextUpdate, when given, not in the past (RFC 6960 §3.2). */
    private void requireCurrent(SingleResp answer, URI responder) {
        Instant now = clock.instant();
        if (answer.getThisUpdate().toInstant().isAfter(now.plus(CLOCK_SKEW))
                || answer.getNextUpdate() != null && answer.getNextUpdate().toInstant().isBefore(now.minus(CLOCK_SKEW))) {
            throw new CaUnavailableException("OCSP " + responder + " sent a response outside its validity", null, null);
        }
    }
}

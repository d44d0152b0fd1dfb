package com.certshop.revocation.aws.ca.acme;

import com.certshop.revocation.aws.ca.status.RevocationStatusSource;
import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.HandOver;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.X509Details;
import com.certshop.revocation.domain.port.CertificateAuthority;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Connection;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSONBuilder;

/**
 * A CA that speaks ACME (RFC 8555): Let's Encrypt, the ACME endpoints of commercial CAs, and Pebble
 * locally. Revocation is §7.6 revokeCert with the customer's RFC 5280 reason, signed by the ACME
 * account that ordered the certificate. Completion is what the CA's status source says, never
 * assumed from the hand-over's 200.
 */
public final class AcmeCertificateAuthority implements CertificateAuthority {
    private final Session session;
    private final Supplier<KeyPair> accountKey;
    private final RevocationStatusSource statusSource;
    private final Clock clock;
    private Login login;

    /**
     * @param accountKey the ordering account's key pair, asked for on first use (it lives in Secrets
     *                   Manager on AWS, and a function that never revokes need not fetch it)
     */
    public AcmeCertificateAuthority(Session session, Supplier<KeyPair> accountKey, RevocationStatusSource statusSource,
            Clock clock) {
        this.session = Objects.requireNonNull(session, "session");
        this.accountKey = Objects.requireNonNull(accountKey, "accountKey");
        this.statusSource = Objects.requireNonNull(statusSource, "statusSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public HandOver requestRevocation(Certificate certificate) {
        return revoke(X509Details.certificates(certificate.pemBundle()).get(0),
                certificate.revocation().reason().code());
    }

    /** revokeCert for a certificate with an RFC 5280 reason code (any code: the CA decides which it accepts). */
    HandOver revoke(X509Certificate certificate, int reasonCode) {
        String reference = "revokeCert of serial " + certificate.getSerialNumber().toString(16).toUpperCase();
        try (Connection connection = session.connect()) {
            JSONBuilder request = new JSONBuilder()
                    .putBase64("certificate", certificate.getEncoded())
                    .put("reason", reasonCode);
            connection.sendSignedRequest(session.resourceUrl(Resource.REVOKE_CERT), request, login());
            return new HandOver.Accepted(reference);
        } catch (AcmeException e) {
            return AcmeProblems.handOver(e, reference, clock);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the stored certificate cannot be encoded", e);
        }
    }

    @Override
    public CaStatus status(Certificate certificate) {
        RevocationStatusSource.SerialStatus status = statusSource.check(certificate.x509());
        if (status instanceof RevocationStatusSource.SerialStatus.Revoked revoked) {
            return new CaStatus.Revoked(revoked.evidence());
        }
        // Good or unknown: the CA has not published the revocation (yet). The SLA's overdue flag
        // tells a person when waiting has become suspicious.
        return new CaStatus.Pending();
    }

    /** The ordering account, looked up by its key once per execution environment (one request). */
    private synchronized Login login() throws AcmeException {
        if (login == null) {
            try {
                login = new AccountBuilder().onlyExisting().useKeyPair(accountKey.get()).createLogin(session);
            } catch (AcmeServerException e) {
                if (String.valueOf(e.getType()).equals(AcmeProblems.PREFIX + "accountDoesNotExist")) {
                    throw new IllegalStateException("The ACME account key in the configured secret has no account at "
                            + session.getServerUri() + "; it must be the key of the account that orders certificates.", e);
                }
                throw e;
            }
        }
        return login;
    }
}

package com.certshop.revocation.aws.ca.acme;

import com.certshop.revocation.aws.ca.status.RevocationStatusSource;
import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.HandOver;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.X509Details;
import com.certshop.revocation.domain.port.CertificateAuthority;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
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
        Optional<String> unprovable = statusSource.cannotCheck(certificate.x509());
        if (unprovable.isPresent()) {
            return new HandOver.NotSent("The revocation was not sent to the CA: its completion could not be"
                    + " confirmed for this certificate, because " + unprovable.get() + ".");
        }
        return revoke(certificate.x509(), certificate.revocation().reason().code());
    }

    /**
     * revokeCert for a certificate with an RFC 5280 reason code (any code: the CA decides which it
     * accepts). Synchronized: acme4j's session keeps the next nonce in a plain field.
     */
    synchronized HandOver revoke(X509Details certificate, int reasonCode) {
        String reference = "revokeCert of serial " + certificate.serialNumber();
        try (Connection connection = session.connect()) {
            try {
                JSONBuilder request = new JSONBuilder()
                        .putBase64("certificate", X509Details.certificates(certificate.pemChain()).get(0).getEncoded())
                        .put("reason", reasonCode);
                connection.sendSignedRequest(session.resourceUrl(Resource.REVOKE_CERT), request, login());
                return new HandOver.Accepted(reference);
            } catch (AcmeException e) {
                // acme4j reads Retry-After into its exception only for rateLimited; a 503 may carry it
                // too. Only an answer has headers: a network failure leaves the connection without one.
                Optional<Instant> retryAfter = e instanceof AcmeServerException ? connection.getRetryAfter() : Optional.empty();
                return AcmeProblems.handOver(e, retryAfter, reference, clock);
            }
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

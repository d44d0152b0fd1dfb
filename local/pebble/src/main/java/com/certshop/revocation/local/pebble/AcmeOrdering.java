package com.certshop.revocation.local.pebble;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.util.CSRBuilder;

/**
 * Orders certificates from an ACME CA the way the shop's order system does, for demo data and test
 * fixtures: one account, an order with explicit validity dates, HTTP-01 challenges, finalization
 * with a fresh EC P-256 key, download.
 *
 * <p>It serves no challenge responses, so it needs a CA that validates every challenge, as
 * {@link PebbleServer} does. The caller builds the {@link Session}, and with it the TLS trust, as
 * production code does for the real CA. Every failure is an {@link AcmeRequestException}.
 */
public final class AcmeOrdering {
    /** How long each wait (a challenge, the order getting ready, issuance) may take; Pebble takes milliseconds. */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final Login login;

    private AcmeOrdering(Login login) {
        this.login = login;
    }

    /**
     * Registers an account for {@code accountKey}, agreeing to the CA's terms of service, or finds
     * the account already registered with that key (ACME answers a repeated registration with it).
     */
    public static AcmeOrdering forAccount(Session session, KeyPair accountKey) {
        try {
            return new AcmeOrdering(new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey)
                    .createLogin(session));
        } catch (AcmeException e) {
            throw new AcmeRequestException("registering an account at " + session.getServerUri(), e);
        }
    }

    public URL accountUrl() {
        return login.getAccountLocation();
    }

    /**
     * Orders a certificate for {@code names} (DNS names) valid from {@code notBefore} to
     * {@code notAfter}, both cut to whole seconds as X.509 keeps them. Pebble issues exactly these
     * dates, past ones included; a real CA may refuse them or choose its own.
     */
    public Ordered order(List<String> names, Instant notBefore, Instant notAfter) {
        Instant from = notBefore.truncatedTo(ChronoUnit.SECONDS);
        Instant until = notAfter.truncatedTo(ChronoUnit.SECONDS);
        String attempt = "ordering a certificate for " + names + " valid from " + from + " until " + until;
        try {
            Order order = login.newOrder().domains(names).notBefore(from).notAfter(until).create();
            for (Authorization authorization : order.getAuthorizations()) {
                authorize(authorization);
            }
            expect(Status.READY, order.waitUntilReady(STEP_TIMEOUT), "the order", order.getError());
            KeyPair certificateKey = newCertificateKey();
            // The CSR names the domains in the caller's order: Pebble makes the first one the CN,
            // whereas the order's identifiers come back in no particular order.
            CSRBuilder csr = new CSRBuilder();
            csr.addDomains(names);
            csr.sign(certificateKey);
            order.execute(csr.getEncoded());
            expect(Status.VALID, order.waitForCompletion(STEP_TIMEOUT), "the order", order.getError());
            Certificate certificate = order.getCertificate();
            certificate.download();
            StringWriter pemChain = new StringWriter();
            certificate.writeCertificate(pemChain);
            return new Ordered(pemChain.toString(), certificateKey, certificate.getCertificate());
        } catch (AcmeException e) {
            throw new AcmeRequestException(attempt, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcmeRequestException(attempt + " was interrupted");
        }
    }

    /**
     * Revokes a certificate with a request signed by the certificate's own key rather than by an
     * account: the key holder revoking it directly at the CA, behind the shop's back.
     *
     * @param rfc5280ReasonCode 0 to 10 except 7, which RFC 5280 leaves unused
     * @throws IllegalArgumentException for a code RFC 5280 does not define
     */
    public static void revokeWithCertificateKey(Session session, Ordered ordered, int rfc5280ReasonCode) {
        RevocationReason reason = RevocationReason.code(rfc5280ReasonCode);
        try {
            Certificate.revoke(session, ordered.certificateKey(), ordered.certificate(), reason);
        } catch (AcmeException e) {
            throw new AcmeRequestException("revoking certificate " + ordered.certificate().getSerialNumber().toString(16)
                    + " with its own key (reason " + rfc5280ReasonCode + ")", e);
        }
    }

    /** Triggers the HTTP-01 challenge and waits for the CA to accept it. */
    private static void authorize(Authorization authorization) throws AcmeException, InterruptedException {
        if (authorization.getStatus() == Status.VALID) {
            return; // Some CAs reuse an earlier authorization of the same account.
        }
        String what = "the HTTP-01 challenge for " + authorization.getIdentifier().getValue();
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
                .orElseThrow(() -> new AcmeRequestException("the CA offers no HTTP-01 challenge for "
                        + authorization.getIdentifier().getValue()));
        challenge.trigger();
        expect(Status.VALID, challenge.waitForCompletion(STEP_TIMEOUT), what, challenge.getError());
    }

    private static void expect(Status wanted, Status actual, String what, Optional<Problem> problem) {
        if (actual != wanted) {
            throw new AcmeRequestException(what + " ended " + actual + " instead of " + wanted
                    + problem.map(p -> ": " + p.getDetail().orElse(p.getType().toString())).orElse(""));
        }
    }

    private static KeyPair newCertificateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has EC P-256", e);
        }
    }

    /**
     * An issued certificate.
     *
     * @param pemChain       the certificate, then the intermediate(s) that issued it, as PEM
     * @param certificateKey the certificate's key pair, made for this order
     */
    public record Ordered(String pemChain, KeyPair certificateKey, X509Certificate certificate) {
        public Ordered {
            Objects.requireNonNull(pemChain, "pemChain");
            Objects.requireNonNull(certificateKey, "certificateKey");
            Objects.requireNonNull(certificate, "certificate");
        }
    }
}

package com.certshop.revocation.local;

import com.certshop.revocation.aws.ca.SimulatedCertificateAuthority;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.Money;
import com.certshop.revocation.domain.model.ValidationType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Two demo accounts with certificates in every situation worth showing: DV, OV and EV; bought here
 * and uploaded; inside, near the end of and outside the refund window; expired; one revocation
 * still with the CA and one done. The revocations are made through the real API, so their
 * workflows, mail and audit trails are real too.
 */
public final class DemoData {
    /** A demo account: who signs in, and as whom. */
    public record Account(String subject, String name, String email) {
        public AccountId id() {
            return new AccountId(subject);
        }
    }

    public static final Account ALICE = new Account("account-a", "Alice, Acme Ltd", "alice@acme.example");
    public static final Account BOB = new Account("account-b", "Bob, Globex Corp", "bob@globex.example");
    public static final List<Account> ACCOUNTS = List.of(ALICE, BOB);

    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoData() {
    }

    /** Adds the demo certificates and starts the two demo revocations. */
    public static void seed(LocalStack stack) {
        Instant now = Instant.now();
        LocalData data = stack.data();
        data.add(issued(ALICE, "shop-acme", "shop.acme.example", ValidationType.DV, now.minus(Duration.ofDays(3)), 2900));
        data.add(issued(ALICE, "portal-acme", "portal.acme.example", ValidationType.OV, now.minus(Duration.ofDays(10)), 8900));
        data.add(issued(ALICE, "www-acme", "www.acme.example", ValidationType.EV, now.minus(Duration.ofDays(27)), 19900));
        data.add(issued(ALICE, "legacy-acme", "legacy.acme.example", ValidationType.OV, now.minus(Duration.ofDays(90)), 8900));
        data.add(issued(ALICE, "expired-acme", "expired.acme.example", ValidationType.DV, now.minus(Duration.ofDays(420)), 2900));
        data.add(uploaded(ALICE, "partner-upload", "partner.acme-partners.example", now.minus(Duration.ofDays(40))));
        Certificate revoking = data.add(issued(ALICE, "api-acme", "api.acme.example", ValidationType.DV,
                now.minus(Duration.ofDays(5)), 2900));
        Certificate revoked = data.add(issued(ALICE, "old-shop-acme", "old-shop.acme.example", ValidationType.DV,
                now.minus(Duration.ofDays(12)), 2900));
        data.add(issued(BOB, "globex-main", "globex.example", ValidationType.OV, now.minus(Duration.ofDays(6)), 8900));
        data.add(issued(BOB, "intranet-globex", "intranet.globex.example", ValidationType.EV, now.minus(Duration.ofDays(200)), 19900));
        data.add(uploaded(BOB, "mail-globex-upload", "mail.globex.example", now.minus(Duration.ofDays(60))));

        // One stays with the (simulated) CA for an hour; the other is revoked at once.
        data.scriptCa(revoking.id(), SimulatedCertificateAuthority.Script.revokeAfter(Duration.ofHours(1)));
        data.scriptCa(revoked.id(), SimulatedCertificateAuthority.Script.revokeAfter(Duration.ZERO));
        String token = stack.issueToken(ALICE.subject(), ALICE.email());
        revoke(stack.apiEndpoint(), token, revoking.id(), "superseded");
        revoke(stack.apiEndpoint(), token, revoked.id(), "cessationOfOperation");
    }

    private static Certificate issued(Account account, String id, String name, ValidationType type, Instant issuedAt,
            long cents) {
        return Certificate.issued(new CertificateId(id), account.id(), name, List.of(name, "www." + name), type, issuedAt,
                issuedAt.plus(Duration.ofDays(397)), "admin@" + name, "order-" + id, Money.of(cents, "EUR"), pem());
    }

    private static Certificate uploaded(Account account, String id, String name, Instant issuedAt) {
        return Certificate.uploaded(new CertificateId(id), account.id(), name, List.of(name), ValidationType.DV, issuedAt,
                issuedAt.plus(Duration.ofDays(365)), pem());
    }

    /** A PEM-shaped stand-in: demo data has no real keys. */
    private static String pem() {
        byte[] bytes = new byte[600];
        RANDOM.nextBytes(bytes);
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(bytes);
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    }

    private static void revoke(URI api, String token, CertificateId id, String reason) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    api.resolve("/certificates/" + id + "/revocation"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + reason + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("demo revocation of " + id + " answered " + response.statusCode()
                        + ": " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Two demo accounts with certificates in every situation worth showing: DV, OV and EV; bought here
 * and uploaded; inside, near the end of and outside the refund window; expired; one revocation
 * awaiting the applicant's e-mail confirmation and one done. The revocations are made through the real API, so their
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

    private DemoData() {
    }

    /**
     * Adds the demo certificates and starts the two demo revocations. With the ACME CA (the default)
     * every certificate bought here is really ordered from Pebble, backdated as the demo needs;
     * uploaded ones come from a throwaway third-party issuer.
     */
    public static void seed(EmulatedStack stack) {
        Instant now = Instant.now();
        LocalData data = stack.data();
        Demo demo = new Demo(data, now);
        demo.issued(ALICE, "shop-acme", "shop.acme.example", ValidationType.DV, 3, 2900);
        demo.issued(ALICE, "portal-acme", "portal.acme.example", ValidationType.OV, 10, 8900);
        demo.issued(ALICE, "www-acme", "www.acme.example", ValidationType.EV, 27, 19900);
        demo.issued(ALICE, "legacy-acme", "legacy.acme.example", ValidationType.OV, 90, 8900);
        demo.issued(ALICE, "expired-acme", "expired.acme.example", ValidationType.DV, 420, 2900);
        demo.uploaded(ALICE, "partner-upload", "partner.acme-partners.example", 40);
        Certificate awaiting = demo.issued(ALICE, "api-acme", "api.acme.example", ValidationType.OV, 5, 8900);
        Certificate revoked = demo.issued(ALICE, "old-shop-acme", "old-shop.acme.example", ValidationType.DV, 12, 2900);
        demo.issued(BOB, "globex-main", "globex.example", ValidationType.OV, 6, 8900);
        demo.issued(BOB, "intranet-globex", "intranet.globex.example", ValidationType.EV, 200, 19900);
        demo.uploaded(BOB, "mail-globex-upload", "mail.globex.example", 60);

        if (!data.acme()) {
            data.scriptCa(revoked.id(), SimulatedCertificateAuthority.Script.revokeAfter(Duration.ZERO));
        }
        // One revocation waits for the applicant's answer to its mail; the other goes through the CA now.
        String token = stack.issueToken(ALICE.subject(), ALICE.email());
        revoke(stack.apiEndpoint(), token, awaiting.id(), "superseded");
        revoke(stack.apiEndpoint(), token, revoked.id(), "cessationOfOperation");
    }

    /** Certificates as the order system would hand them over, issued {@code daysAgo} before now. */
    private record Demo(LocalData data, Instant now) {
        Certificate issued(Account account, String id, String name, ValidationType type, int daysAgo, long cents) {
            Instant from = now.minus(Duration.ofDays(daysAgo));
            List<String> names = List.of(name, "www." + name);
            Instant to = from.plus(Duration.ofDays(397));
            String pem = data.acme() ? data.order(names, from, to).pemChain() : data.issueElsewhere(names, from, to);
            return data.add(Certificate.issued(new CertificateId(id), account.id(), type, pem, "admin@" + name,
                    "order-" + id, Money.of(cents, "EUR")));
        }

        void uploaded(Account account, String id, String name, int daysAgo) {
            Instant from = now.minus(Duration.ofDays(daysAgo));
            data.add(Certificate.uploaded(new CertificateId(id), account.id(), ValidationType.DV,
                    data.issueElsewhere(List.of(name), from, from.plus(Duration.ofDays(365)))));
        }
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

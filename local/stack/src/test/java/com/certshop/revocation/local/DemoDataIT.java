package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo data is what ./run-local.sh serves: real certificates ordered from Pebble, in the situations the README lists. */
class DemoDataIT {
    private static EmulatedStack stack;
    private static Api alice;

    @BeforeAll
    static void seed() {
        stack = EmulatedStack.start(EmulatedStackConfig.defaults(Path.of(System.getProperty("repository.root")))
                .withParameter("CaPollFirstSeconds", 1)
                .withParameter("CaPollMultiplier", 1)
                .withRefundCheckEvery(Duration.ZERO));
        DemoData.seed(stack);
        alice = new Api(stack.apiEndpoint(), stack.issueToken(DemoData.ALICE.subject(), DemoData.ALICE.email()));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Map<String, Object> certificate(String id) {
        return alice.get("/certificates/" + id).json();
    }

    @Test
    void aDemoCertificateDownloadsAsTheChainPebbleIssuedWhichOpensslReadsAsTheApiDescribesIt() throws Exception {
        Api.Response download = alice.get("/certificates/shop-acme/download");
        assertEquals(200, download.status());
        Path pem = Files.createTempFile("shop-acme-", ".pem");
        Files.writeString(pem, download.body(), StandardCharsets.US_ASCII);

        String openssl;
        try {
            openssl = openssl("x509", "-in", pem.toString(), "-noout", "-serial", "-fingerprint", "-sha256", "-issuer",
                    "-subject");
        } finally {
            Files.delete(pem);
        }

        Map<String, Object> view = certificate("shop-acme");
        assertTrue(openssl.contains("serial=" + view.get("serialNumber") + "\n"), openssl + view);
        assertTrue(openssl.contains("sha256 Fingerprint=" + view.get("sha256Fingerprint") + "\n"), openssl + view);
        assertTrue(openssl.contains("issuer=CN = Pebble Intermediate CA"), openssl);
        assertTrue(openssl.contains("subject=CN = shop.acme.example"), openssl);
        Instant issued = Instant.parse(String.valueOf(view.get("issuedAt")));
        assertTrue(Duration.between(issued, Instant.now()).toHours() / 24 == 3, "backdated three days: " + issued);
    }

    @Test
    void uploadsComeFromAnotherIssuerAndTheOldOnesHaveExpired() {
        assertTrue(String.valueOf(certificate("partner-upload").get("issuer")).contains("Elsewhere CA"));
        Map<String, Object> expired = certificate("expired-acme");
        assertEquals(true, expired.get("expired"));
        assertTrue(String.valueOf(expired.get("issuer")).startsWith("CN=Pebble Intermediate CA"));
    }

    @Test
    void theTwoDemoRevocationsAreAwaitingTheApplicantAndRevokedAtPebble() {
        assertEquals("AWAITING_CONFIRMATION", certificate("api-acme").get("status"));
        Api.poll(Duration.ofSeconds(60), () -> certificate("old-shop-acme").get("status"), "REVOKED"::equals);
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = (Map<String, Object>) ((Map<String, Object>) certificate("old-shop-acme")
                .get("revocation")).get("caEvidence");
        assertEquals("cessationOfOperation", evidence.get("reason"));
        assertTrue(String.valueOf(evidence.get("source")).startsWith("Pebble https://127.0.0.1:"), evidence.toString());
    }

    private static String openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }
}

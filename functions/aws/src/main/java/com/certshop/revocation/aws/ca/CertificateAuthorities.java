package com.certshop.revocation.aws.ca;

import com.certshop.revocation.aws.ca.acme.AcmeCertificateAuthority;
import com.certshop.revocation.aws.ca.acme.AcmeSessions;
import com.certshop.revocation.aws.ca.status.OcspStatusSource;
import com.certshop.revocation.aws.ca.status.PebbleStatusSource;
import com.certshop.revocation.aws.ca.status.RevocationStatusSource;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingBounds;
import com.certshop.revocation.aws.dynamodb.DynamoDbAdapters;
import com.certshop.revocation.aws.secrets.AcmeAccountKey;
import com.certshop.revocation.aws.telemetry.ObservedCertificateAuthority;
import com.certshop.revocation.domain.port.CertificateAuthority;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.Session;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Chooses the deployment's CA from its configuration, so that no handler knows which one it talks
 * to. Every CA setting is read (and checked) at start-up, whichever adapter is chosen, so a
 * misconfigured deployment fails on its first invocation rather than on its first revocation.
 */
public final class CertificateAuthorities {
    /** {@code acme} or {@code simulated}. */
    public static final String CA_ADAPTER = "CA_ADAPTER";
    public static final String ACME_DIRECTORY_URL = "ACME_DIRECTORY_URL";
    /** May be empty while the adapter is {@code simulated}. */
    public static final String ACME_ACCOUNT_KEY_SECRET_ARN = "ACME_ACCOUNT_KEY_SECRET_ARN";
    /** {@code ocsp}, or the base URL of a Pebble management API (the local CA has no OCSP responder). */
    public static final String CA_STATUS_SOURCE = "CA_STATUS_SOURCE";
    /** Set only by the local stack: a PEM file of the certificates to trust for the CA's HTTPS (Pebble's own). */
    public static final String CA_TRUST_PEM_FILE = "CA_TRUST_PEM_FILE";

    private CertificateAuthorities() {
    }

    public static CertificateAuthority fromEnvironment(Environment env, AwsClients clients, DynamoDbAdapters dynamo,
            Clock clock) {
        String adapter = env.require(CA_ADAPTER);
        Duration simulatedDelay = Duration.ofSeconds(env.requireInt(SettingBounds.CA_SIMULATED_DELAY_SECONDS));
        URI directory = URI.create(env.require(ACME_DIRECTORY_URL));
        Optional<String> accountKeySecret = env.optional(ACME_ACCOUNT_KEY_SECRET_ARN);
        String statusSource = env.require(CA_STATUS_SOURCE);
        Optional<SSLContext> trust = env.optional(CA_TRUST_PEM_FILE).map(Path::of).map(CaTrust::fromPemFile);
        // Every CA call counts in the invocation's metrics (CA error rate, hand-over errors by kind).
        return new ObservedCertificateAuthority(switch (adapter) {
            case "simulated" -> dynamo.simulatedCertificateAuthority(clock, simulatedDelay);
            case "acme" -> {
                String secret = accountKeySecret.orElseThrow(() -> new IllegalStateException(
                        ACME_ACCOUNT_KEY_SECRET_ARN + " must name the secret holding the ACME account key when "
                                + CA_ADAPTER + " is acme"));
                Session session = trust.map(t -> AcmeSessions.open(directory, t)).orElseGet(() -> AcmeSessions.open(directory));
                AcmeAccountKey accountKey = new AcmeAccountKey(() -> clients.build(SecretsManagerClient.builder()), secret);
                yield new AcmeCertificateAuthority(session, accountKey, statusSource(statusSource, trust, clock), clock);
            }
            default -> throw new IllegalStateException(CA_ADAPTER + " must be acme or simulated, not '" + adapter + "'");
        });
    }

    private static RevocationStatusSource statusSource(String setting, Optional<SSLContext> trust, Clock clock) {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        trust.ifPresent(http::sslContext);
        if (setting.equals("ocsp")) {
            return new OcspStatusSource(http.build(), clock);
        }
        if (setting.startsWith("https://") || setting.startsWith("http://")) {
            return new PebbleStatusSource(URI.create(setting), http.build(), clock);
        }
        throw new IllegalStateException(CA_STATUS_SOURCE + " must be ocsp or a Pebble management URL, not '" + setting + "'");
    }
}

package com.certshop.revocation.aws.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.certshop.revocation.aws.ca.acme.AcmeCertificateAuthority;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingBounds;
import com.certshop.revocation.aws.dynamodb.DynamoDbAdapters;
import com.certshop.revocation.domain.port.CertificateAuthority;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import com.certshop.revocation.aws.telemetry.ObservedCertificateAuthority;
import com.certshop.revocation.aws.telemetry.Telemetry;
import org.junit.jupiter.api.Test;

/** The deployment's configuration, not the handler, decides which CA revocations go to. */
class CertificateAuthoritiesTest {
    private static CertificateAuthority choose(Map<String, String> ca) {
        Map<String, String> variables = new HashMap<>(Map.of(
                "AWS_REGION", "eu-west-1",
                DynamoDbAdapters.TABLE_NAME, "certificates",
                Telemetry.METRICS_NAMESPACE, "CertShop/test",
                CertificateAuthorities.CA_ADAPTER, "acme",
                SettingBounds.CA_SIMULATED_DELAY_SECONDS.variable(), "600",
                CertificateAuthorities.ACME_DIRECTORY_URL, "https://acme-staging-v02.api.letsencrypt.org/directory",
                CertificateAuthorities.ACME_ACCOUNT_KEY_SECRET_ARN,
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-AbCdEf",
                CertificateAuthorities.CA_STATUS_SOURCE, "ocsp"));
        variables.putAll(ca);
        Environment env = new Environment(variables);
        AwsClients clients = new AwsClients(env);
        CertificateAuthority chosen = CertificateAuthorities.fromEnvironment(env, clients, new DynamoDbAdapters(env, clients),
                Clock.systemUTC());
        return assertInstanceOf(ObservedCertificateAuthority.class, chosen).adapter();
    }

    @Test
    void acmeWithOcspOrAPebbleManagementApiAndSimulatedAreTheChoices() {
        assertInstanceOf(AcmeCertificateAuthority.class, choose(Map.of()));
        assertInstanceOf(AcmeCertificateAuthority.class,
                choose(Map.of(CertificateAuthorities.CA_STATUS_SOURCE, "https://127.0.0.1:15000")));
        assertInstanceOf(SimulatedCertificateAuthority.class, choose(Map.of(CertificateAuthorities.CA_ADAPTER, "simulated",
                CertificateAuthorities.ACME_ACCOUNT_KEY_SECRET_ARN, "")));
    }

    @Test
    void aMisconfiguredCaFailsAtStartWithWhatToFix() {
        assertEquals("ACME_ACCOUNT_KEY_SECRET_ARN must name the secret holding the ACME account key when CA_ADAPTER is acme",
                assertThrows(IllegalStateException.class, () -> choose(Map.of(
                        CertificateAuthorities.ACME_ACCOUNT_KEY_SECRET_ARN, "")))
                        .getMessage());
        assertEquals("CA_ADAPTER must be acme or simulated, not 'digicert'", assertThrows(IllegalStateException.class,
                () -> choose(Map.of(CertificateAuthorities.CA_ADAPTER, "digicert"))).getMessage());
        assertEquals("CA_STATUS_SOURCE must be ocsp or a Pebble management URL, not 'crl'",
                assertThrows(IllegalStateException.class,
                        () -> choose(Map.of(CertificateAuthorities.CA_STATUS_SOURCE, "crl"))).getMessage());
    }
}

package com.certshop.revocation.aws.ca.acme;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * Opens acme4j sessions to an ACME directory. Production CAs present certificates the JDK already
 * trusts; a local test CA (Pebble) presents one made at its start, which only the given
 * {@link SSLContext} trusts. acme4j builds its HTTP client per request from the provider's
 * connector, so the trust goes in there rather than into JVM-wide defaults.
 */
public final class AcmeSessions {
    private AcmeSessions() {
    }

    /** A function has 20 s for a step and the CA's slowness is retried by the workflow: give up on a request early. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** A session with the JDK's default trust. */
    public static Session open(URI directory) {
        return withTimeout(new Session(directory));
    }

    /** A session whose TLS trusts exactly what {@code trust} trusts. */
    public static Session open(URI directory, SSLContext trust) {
        return withTimeout(new Session(directory, new GenericAcmeProvider() {
            @Override
            protected HttpConnector createHttpConnector(NetworkSettings settings) {
                return new HttpConnector(settings) {
                    @Override
                    public HttpClient.Builder createClientBuilder() {
                        return super.createClientBuilder().sslContext(trust);
                    }
                };
            }
        }));
    }

    private static Session withTimeout(Session session) {
        session.networkSettings().setTimeout(REQUEST_TIMEOUT);
        return session;
    }
}

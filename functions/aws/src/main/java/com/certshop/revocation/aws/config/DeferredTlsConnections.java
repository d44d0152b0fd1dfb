package com.certshop.revocation.aws.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionFactory;

/**
 * Opens the URL-connection client's connections with the JDK's own TLS defaults, so that the TLS
 * context is built by the first https connection and not before.
 *
 * <p>The SDK's client, built the usual way, builds a TLS context at construction: some 350 JDK
 * classes and the default trust store, about 115 ms of cpu at a cold start (README: Benchmark),
 * paid even by a function whose endpoint is http (the local emulators). Here an https connection
 * gets the JDK's default socket factory and host name verifier, which is the SDK's own choice when
 * no trust or key managers are configured (the default trust store; a key store only through the
 * {@code javax.net.ssl.keyStore} properties), and the JDK builds that context on the first such
 * connection. On AWS every endpoint is https, so a cold start still builds it, at its first request
 * instead of at init; under SnapStart the priming request builds it before the snapshot.
 *
 * <p>What the SDK's builder would otherwise set on each connection, the timeouts, is set here.
 * Proxies come from the JDK's {@code http(s).proxyHost} properties; none is used on Lambda.
 */
final class DeferredTlsConnections implements UrlConnectionFactory {
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    DeferredTlsConnections(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    @Override
    public HttpURLConnection createConnection(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a connection to " + uri, e);
        }
    }
}

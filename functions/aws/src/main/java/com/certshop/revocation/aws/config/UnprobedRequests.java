package com.certshop.revocation.aws.config;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The URL-connection client without the JDK's 1 ms wait before every request with a body.
 *
 * <p>The SDK's client turns a request's Content-Length header into the connection's fixed-length
 * streaming mode, and for a streamed POST on a kept-alive connection the JDK first reads the idle
 * socket with a 1 ms timeout, to see whether the server has closed it (a streamed body cannot be
 * sent twice). Every AWS call here is a POST with a body of a few hundred bytes, so that wait was
 * about 1.2 ms of each warm call's ~2 ms (README: Benchmark). Without the header the JDK buffers the
 * body, sends the same Content-Length itself (so the signature, which covers it, still holds), and
 * writes head and body at once; a connection the server closed while idle is then noticed when the
 * answer cannot be read, and the JDK sends the buffered request again on a new one (its
 * {@code sun.net.http.retryPost}, on by default), as the probe would have chosen a new one.
 */
final class UnprobedRequests implements SdkHttpClient {
    private static final String CONTENT_LENGTH = "Content-Length";

    private final SdkHttpClient urlConnection;

    UnprobedRequests(SdkHttpClient urlConnection) {
        this.urlConnection = urlConnection;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        if (request.contentStreamProvider().isEmpty() || http.firstMatchingHeader(CONTENT_LENGTH).isEmpty()) {
            return urlConnection.prepareRequest(request);
        }
        return urlConnection.prepareRequest(HttpExecuteRequest.builder()
                .request(http.toBuilder().removeHeader(CONTENT_LENGTH).build())
                .contentStreamProvider(request.contentStreamProvider().get())
                .metricCollector(request.metricCollector().orElse(null))
                .build());
    }

    @Override
    public String clientName() {
        return urlConnection.clientName();
    }

    @Override
    public void close() {
        urlConnection.close();
    }
}

package com.certshop.revocation.bench.runtime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The bare exchange a warm AWS call is compared with: one kept-alive socket to the same endpoint, a
 * small POST and its answer read by Content-Length, with no HTTP client, no signing, no JSON. It is
 * what the network and the endpoint cost a request and nothing more; {@link LambdaJavaRuntime} makes
 * one before each warm call, in the same process, so that both see the same machine at the same moment.
 */
final class RawExchange implements AutoCloseable {
    private static final byte[] REQUEST = ("POST /raw HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: Raw.Probe\r\n"
            + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
    private static final int TIMEOUT_MS = 10_000;
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawExchange(URI endpoint) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        // An endpoint that stops answering fails this process (and so its row of the warm table)
        // instead of holding the bench up for good; an exchange takes a fraction of a millisecond.
        socket.setSoTimeout(TIMEOUT_MS);
        out = socket.getOutputStream();
        // Buffered: read byte by byte from the socket itself, the head alone took a system call per byte.
        in = new BufferedInputStream(socket.getInputStream());
    }

    /** One request and its whole answer. */
    void roundTrip() throws IOException {
        out.write(REQUEST);
        out.flush();
        in.skipNBytes(contentLengthOfHead());
    }

    /** Reads the answer's head up to its blank line; returns its Content-Length (0 without one). */
    private int contentLengthOfHead() throws IOException {
        int length = 0;
        int matched = 0;
        int value = -1;
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the endpoint closed the connection");
            }
            last4 = (last4 << 8) | b;
            if (value >= 0) {
                if (b >= '0' && b <= '9') {
                    value = value * 10 + (b - '0');
                } else if (b == '\r') {
                    length = value;
                    value = -1;
                }
            } else if (matched < CONTENT_LENGTH.length && Character.toLowerCase(b) == CONTENT_LENGTH[matched]) {
                matched++;
                if (matched == CONTENT_LENGTH.length) {
                    value = 0;
                    matched = 0;
                }
            } else {
                matched = b == '\r' ? 1 : 0;
            }
        }
        return length;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

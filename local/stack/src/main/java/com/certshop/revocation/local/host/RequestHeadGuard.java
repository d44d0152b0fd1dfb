package com.certshop.revocation.local.host;

import com.certshop.revocation.domain.text.InputText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local gateway's front door: reads each request's head as raw bytes before the JDK's HTTP
 * server sees it, and hands on only heads that server would take as they are. That server strips
 * control bytes from the ends of header values (a bearer token ending in NUL would pass as the
 * token without it), and answers a request line it cannot parse ({@code GET /certificates/%zz})
 * with an HTML page naming a Java class. Here both get a 400 in the API's documented error shape.
 * A head that passes goes on with {@code Connection: close}, so every request on a connection is
 * one this guard has read.
 */
final class RequestHeadGuard implements AutoCloseable {
    /** Larger heads are refused: API Gateway's own limit on headers is far lower. */
    static final int HEAD_LIMIT = 64 * 1024;
    /** A client that opens a connection and sends no complete head is dropped after this long. */
    private static final int HEAD_TIMEOUT_MILLIS = 30_000;

    private final ServerSocket socket;
    private final int upstreamPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "api-head-guard");
        t.setDaemon(true);
        return t;
    });

    /** Listens on {@code port} of 127.0.0.1 (0 for any free one) and passes requests to {@code upstreamPort}. */
    RequestHeadGuard(int port, int upstreamPort) throws IOException {
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.upstreamPort = upstreamPort;
        threads.submit(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    System.err.println("[api] accepting a connection: " + e);
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(HEAD_TIMEOUT_MILLIS);
            InputStream in = client.getInputStream();
            Head head = Head.read(in);
            if (head == null) {
                return; // closed before a complete head: nothing to answer
            }
            if (head.refusal() != null) {
                head.refusal().writeTo(client.getOutputStream());
                return;
            }
            client.setSoTimeout(0); // a function may take its time; the upstream server bounds it
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                OutputStream toUpstream = upstream.getOutputStream();
                toUpstream.write(head.forwarded());
                toUpstream.flush();
                threads.submit(() -> pump(in, upstream));
                relayAnswer(upstream.getInputStream(), client.getOutputStream());
            }
        } catch (SocketException e) {
            // The client went away, or the upstream closed after its answer: the exchange is over.
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[api] relaying a request: " + e);
        }
    }

    /**
     * The upstream's answer, with {@code Connection: close} added to its final head: the JDK's
     * server closes the connection as asked but does not say so, and a client that pooled the
     * connection would send its next request into a closed socket. Interim answers (100 Continue)
     * pass as they are.
     */
    private static void relayAnswer(InputStream fromUpstream, OutputStream toClient) throws IOException {
        while (true) {
            byte[] head = readHead(fromUpstream, Integer.MAX_VALUE);
            if (head == null) {
                return;
            }
            String text = new String(head, StandardCharsets.ISO_8859_1);
            if (text.matches("HTTP/1\\.1 1\\d\\d[\\s\\S]*")) {
                toClient.write(head);
                toClient.flush();
                continue;
            }
            if (!text.toLowerCase(Locale.ROOT).contains("\nconnection:")) {
                int end = text.lastIndexOf("\r\n\r\n");
                head = (text.substring(0, end) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            }
            toClient.write(head);
            // By its length where it has one: after refusing a body it has not read (413), the
            // JDK's server keeps the connection open to drain it, and a client reading to the end
            // would wait for a close that never comes. This connection carries one request, so
            // the exchange ends with the answer.
            long length = contentLength(text);
            if (length >= 0) {
                copy(fromUpstream, toClient, length);
            } else {
                fromUpstream.transferTo(toClient);
            }
            toClient.flush();
            return;
        }
    }

    /** The Content-Length of a message head, or -1 without one (a chunked answer, or one that ends with the connection). */
    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        return -1;
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = length; left > 0; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /**
     * Reads up to and including the blank line that ends a message head (lines end in CRLF or a
     * bare LF); null if the stream ends first, or the bytes so far once they exceed {@code limit}.
     */
    private static byte[] readHead(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        int newlines = 0;
        while (newlines < 2 && bytes.size() <= limit) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            bytes.write(b);
            if (b == '\n') {
                newlines++;
            } else if (b != '\r') {
                newlines = 0;
            }
        }
        return bytes.toByteArray();
    }

    /** The rest of the request (its body) to the upstream server, until the client stops sending. */
    private static void pump(InputStream fromClient, Socket upstream) {
        try {
            fromClient.transferTo(upstream.getOutputStream());
            upstream.shutdownOutput();
        } catch (IOException e) {
            // One side closed: the exchange is over, and serve() closes both.
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing: nothing left to do with it.
        }
        threads.shutdownNow();
    }

    /** A request head as read: either what to send upstream, or the refusal to answer instead. */
    private record Head(byte[] forwarded, Refusal refusal) {

        /** The request's head, checked; null if the connection closes before the head is complete. */
        static Head read(InputStream in) throws IOException {
            byte[] raw = readHead(in, HEAD_LIMIT);
            if (raw == null) {
                return null;
            }
            if (raw.length > HEAD_LIMIT) {
                return refused(new Refusal(431, "HEADERS_TOO_LARGE", "The request's headers are larger than 64 KiB."));
            }
            return check(raw);
        }

        private static Head check(byte[] raw) {
            // ISO-8859-1 maps each byte to one char, so control bytes stay visible to the checks.
            String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
            String[] requestLine = lines[0].split(" ", -1);
            if (requestLine.length != 3 || !isToken(requestLine[0]) || !requestLine[2].matches("HTTP/1\\.[01]")) {
                return refused(new Refusal(400, "MALFORMED_REQUEST", "The request line is not \"METHOD /path HTTP/1.1\"."));
            }
            try {
                new URI(requestLine[1]);
            } catch (URISyntaxException e) {
                return refused(new Refusal(400, "MALFORMED_URL", "The URL has a broken percent escape or a character a URL cannot hold."));
            }
            if (requestLine[1].startsWith("//")) {
                // The JDK's server reads "//certificates" as a host name with an empty path and
                // answers with its own HTML 404; no route of the API starts with an empty segment.
                return refused(new Refusal(404, "ROUTE_NOT_FOUND",
                        "No route " + InputText.echo(requestLine[0] + " " + requestLine[1]) + "."));
            }
            StringBuilder forwarded = new StringBuilder(lines[0]).append("\r\n");
            // The last two entries are the empty strings after the head's final line break.
            for (String line : Arrays.copyOfRange(lines, 1, lines.length - 2)) {
                int colon = line.indexOf(':');
                if (colon <= 0 || !isToken(line.substring(0, colon)) || hasControlByte(line.substring(colon + 1))) {
                    return refused(new Refusal(400, "MALFORMED_HEADER",
                            "A header line is malformed or its value holds a control character."));
                }
                String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
                if (!name.equals("connection") && !name.equals("keep-alive")) {
                    forwarded.append(line).append("\r\n");
                }
            }
            forwarded.append("Connection: close\r\n\r\n");
            return new Head(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1), null);
        }

        private static Head refused(Refusal refusal) {
            return new Head(null, refusal);
        }

        /** RFC 9110's token: what a method or a header name is made of. */
        private static boolean isToken(String s) {
            return s.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
        }

        /** A control byte other than a tab, which RFC 9110 allows in a field value. */
        private static boolean hasControlByte(String value) {
            return value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
        }
    }

    /** The gateway's own 400, 404 or 431, in the documented error shape; the connection closes after it. */
    private record Refusal(int status, String code, String message) {
        void writeTo(OutputStream out) throws IOException {
            byte[] body = Exchanges.errorBody(code, message);
            String reason = switch (status) {
                case 404 -> "Not Found";
                case 431 -> "Request Header Fields Too Large";
                default -> "Bad Request";
            };
            out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        }
    }
}

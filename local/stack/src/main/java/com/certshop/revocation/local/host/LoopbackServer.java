package com.certshop.revocation.local.host;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTP server on 127.0.0.1 with a thread per request, as both local gateways need. */
abstract class LoopbackServer implements AutoCloseable {
    protected final ExecutorService threads = Executors.newCachedThreadPool();
    protected final HttpServer server;

    LoopbackServer(int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(threads);
    }

    /** Starts answering with {@code root}; a subclass calls it once its own fields are set. */
    protected final void serve(HttpHandler root) {
        server.createContext("/", root);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

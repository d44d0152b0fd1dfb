package com.certshop.revocation.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A free loopback port chosen for a server that binds it only later, held meanwhile by a listening
 * socket. The stack chooses its API's port first (the functions' configuration names the API's URL)
 * and binds it after starting moto and Pebble and provisioning them over hundreds of connections;
 * a port merely found free could be taken in between as one of those connections' local port, and
 * the kernel gives no outgoing connection a port that is bound.
 */
final class HeldPort implements AutoCloseable {
    private final ServerSocket socket;

    private HeldPort(ServerSocket socket) {
        this.socket = socket;
    }

    static HeldPort any() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new HeldPort(socket);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Lets the port go, for its server to bind it at once. Closing twice does nothing more. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}

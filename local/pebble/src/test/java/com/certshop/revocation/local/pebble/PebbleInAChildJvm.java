package com.certshop.revocation.local.pebble;

/**
 * Run by {@link PebbleServerIT} in a JVM of its own, which the test then kills with SIGKILL. Starts
 * Pebble (paused if the argument is "paused"), prints {@code pebble <pid> <directory>} and waits.
 */
public final class PebbleInAChildJvm {
    private PebbleInAChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        PebbleServer pebble = PebbleServer.start();
        if (args.length > 0 && args[0].equals("paused")) {
            pebble.pause();
        }
        System.out.println("pebble " + pebble.pid() + " " + pebble.log().getParent());
        System.out.flush();
        // Until killed; should the test go away instead, end of input ends this JVM, and Pebble's watcher
        // (PebbleServer.WRAPPER) stops Pebble.
        while (System.in.read() >= 0) {
            // Nothing to do with the input.
        }
    }
}

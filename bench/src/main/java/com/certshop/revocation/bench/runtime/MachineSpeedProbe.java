package com.certshop.revocation.bench.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A fixed piece of work, the same in every process and every call, timed after each warm call so
 * that the bench can tell a slow call from a slow machine. On the shared 2-core machine the bench
 * was written on, the host's speed moves by up to 2x for seconds at a time with nothing else
 * running in the guest: the same C1-compiled SHA-256 loop took 4.7 to 10 µs a digest in one
 * process, and a GetItem's cpu moved with it. The work is what an AWS call's client side is made
 * of (SHA-256 as SigV4 uses it, header lines built, lower-cased into a map and joined into a head),
 * so both slow down alike, if not exactly alike.
 */
final class MachineSpeedProbe {
    private static final byte[] CANONICAL_REQUEST = "POST\n/\n\ncontent-type:application/x-amz-json-1.0\n".repeat(9)
            .getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha256;
    /** Printed at the end, so that the JIT cannot drop the work as unused. */
    private int checksum;

    MachineSpeedProbe() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Does the work once. */
    void run() {
        for (int i = 0; i < 8; i++) {
            sha256.update(CANONICAL_REQUEST);
            checksum += sha256.digest()[i];
        }
        StringBuilder head = new StringBuilder();
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            String line = "X-Header-" + i + ": value " + i;
            headers.put(line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT), line);
            head.append(line).append("\r\n");
        }
        checksum += headers.size() + head.length();
    }

    int checksum() {
        return checksum;
    }
}

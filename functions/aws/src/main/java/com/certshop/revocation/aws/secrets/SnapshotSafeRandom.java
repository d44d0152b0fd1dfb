package com.certshop.revocation.aws.secrets;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A {@link SecureRandom} that makes its generator when it is first drawn from, and makes a new one
 * after {@link #forget}. Lambda SnapStart resumes many execution environments from one snapshot of
 * the initialized function: a generator seeded before the snapshot would give each of them the
 * same "random" bytes, hence the same confirmation tokens, and the same AES-GCM nonces under the
 * page-token key (one repeated GCM nonce is enough to forge tokens). Functions build this at init,
 * where it holds no state yet, and forget it in their after-restore hook, so that even bytes drawn
 * while priming never come from the generator the restored environments use.
 */
public final class SnapshotSafeRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final FirstUse spi;

    public SnapshotSafeRandom() {
        this(new FirstUse());
    }

    private SnapshotSafeRandom(FirstUse spi) {
        super(spi, null);
        this.spi = spi;
    }

    /** Drops the generator; the next draw seeds a new one (from the restored environment's own entropy). */
    public void forget() {
        spi.forget();
    }

    /** Whether a generator has been made since this was built or last forgotten. */
    public boolean drawnFrom() {
        return spi.made();
    }

    private static final class FirstUse extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;

        // Not serialized: a copy must not carry this generator's state either.
        private transient SecureRandom generator;

        private synchronized SecureRandom generator() {
            if (generator == null) {
                generator = new SecureRandom();
            }
            return generator;
        }

        synchronized void forget() {
            generator = null;
        }

        synchronized boolean made() {
            return generator != null;
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            generator().setSeed(seed);
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            generator().nextBytes(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            return generator().generateSeed(numBytes);
        }
    }
}

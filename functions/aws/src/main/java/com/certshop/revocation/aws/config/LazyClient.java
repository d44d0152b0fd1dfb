package com.certshop.revocation.aws.config;

import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * An SDK client built on its first use, once. Building one loads the service's client, endpoint
 * and marshalling classes, tens of milliseconds at a cold start; a request whose path never calls
 * that service (a DV application sends no mail, a confirmation page signals no workflow) then
 * never pays for it. Under SnapStart it is built before the snapshot, so a restored function finds
 * it ready, as when every client was built at init.
 */
final class LazyClient<C> implements Supplier<C>, Resource {
    private final Supplier<C> build;
    private C client;

    LazyClient(Supplier<C> build) {
        this.build = build;
        Core.getGlobalContext().register(this);
    }

    @Override
    public synchronized C get() {
        if (client == null) {
            client = build.get();
        }
        return client;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        get();
    }

    /** A client holds nothing unique to an execution environment (credentials are resolved per call). */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }
}

package com.certshop.revocation.local;

import com.certshop.revocation.local.host.FaultPlan;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An outage of the AWS services behind the functions: moto frozen (SIGSTOP), from now or from the
 * moment one given call reaches it, which then waits in moto with every call after it. It never
 * lasts longer than its limit (a timer resumes moto), and closing it ends it.
 */
final class Outage implements AutoCloseable {
    private final EmulatedStack stack;
    private final Duration limit;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "outage-timer");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch began = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private FaultPlan.Rule trigger;
    private boolean closed;

    private Outage(EmulatedStack stack, Duration limit) {
        this.stack = stack;
        this.limit = limit;
    }

    /** moto frozen now, for at most {@code limit}. */
    static Outage now(EmulatedStack stack, Duration limit) {
        Outage outage = new Outage(stack, limit);
        outage.begin();
        return outage;
    }

    /** moto frozen when the next call that matches {@code call} arrives (just before it goes on to moto), for {@code lasting}. */
    static Outage atCall(EmulatedStack stack, FaultPlan.Call call, Duration lasting) {
        Outage outage = new Outage(stack, lasting);
        outage.trigger = stack.faults().onCall(call, outage::begin);
        return outage;
    }

    private synchronized void begin() {
        if (closed) {
            return;
        }
        stack.pauseEmulator();
        began.countDown();
        timer.schedule(this::end, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** moto goes on, and serves whatever reached it meanwhile. */
    synchronized void end() {
        if (began.getCount() == 0 && ended.getCount() > 0) {
            stack.resumeEmulator();
            ended.countDown();
        }
    }

    /** Waits until the outage has begun and ended; false if that does not happen {@code within}. */
    boolean awaitOver(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        return began.await(within.toNanos(), TimeUnit.NANOSECONDS)
                && ended.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void close() {
        if (trigger != null) {
            trigger.close();
        }
        end();
        closed = true;
        timer.shutdownNow();
    }
}

package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.port.RefundLedger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A ledger that, like a payment provider's idempotent API, pays once per idempotency key. */
public final class InMemoryRefundLedger implements RefundLedger {
    private final Map<String, String> referenceByKey = new HashMap<>();
    private final List<Order> paid = new ArrayList<>();
    private int calls;

    @Override
    public synchronized String refund(Order order) {
        calls++;
        return referenceByKey.computeIfAbsent(order.idempotencyKey(), key -> {
            paid.add(order);
            return "refund-" + paid.size();
        });
    }

    /** The refunds actually paid out, one per distinct key. */
    public synchronized List<Order> paid() {
        return List.copyOf(paid);
    }

    public synchronized int calls() {
        return calls;
    }
}

package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.port.SkippedItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Records the items scheduled runs skipped, each as {@code certificateId:ErrorType} ({@code ?} when it could not be read). */
public final class RecordingSkippedItems implements SkippedItems {
    private final List<String> skipped = new ArrayList<>();

    @Override
    public synchronized void skipped(Optional<Certificate> item, RuntimeException error) {
        skipped.add(item.map(c -> c.id().value()).orElse("?") + ":" + error.getClass().getSimpleName());
    }

    public synchronized List<String> skipped() {
        return List.copyOf(skipped);
    }
}

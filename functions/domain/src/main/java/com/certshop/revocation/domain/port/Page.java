package com.certshop.revocation.domain.port;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A page of results and, if there are more, the opaque token that fetches the next page. */
public record Page<T>(List<T> items, Optional<String> nextToken) {
    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextToken);
    }
}

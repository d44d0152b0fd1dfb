package com.certshop.revocation.domain.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SelectionsTest {

    private static ErrorCode refusal(Object ids, Object selector) {
        return assertThrows(DomainException.class, () -> Selections.parse(ids, selector)).code();
    }

    @Test
    void exactlyOneOfIdsAndSelector() {
        assertEquals(ErrorCode.INVALID_SELECTION, refusal(null, null));
        assertEquals(ErrorCode.INVALID_SELECTION, refusal(List.of("a"), Map.of("domain", "example.com")));
    }

    @Test
    void idsAreANonEmptyListOfStringsOfAtMostAThousand() {
        assertEquals(ErrorCode.INVALID_SELECTION, refusal(List.of(), null));
        assertEquals(ErrorCode.INVALID_SELECTION, refusal("dv1", null));
        assertEquals(ErrorCode.INVALID_SELECTION, refusal(List.of("dv1", 7), null));
        assertEquals(ErrorCode.TOO_MANY_CERTIFICATES, refusal(Collections.nCopies(1001, "x"), null));
        List<String> thousand = IntStream.range(0, 1000).mapToObj(i -> "c" + i).toList();
        assertEquals(1000, ((Selection.Listed) Selections.parse(thousand, null)).ids().size());
    }

    @Test
    void anIdThatCannotBeOneIsKeptBoundedForItsItemToBeRefused() {
        Selection.Listed listed = (Selection.Listed) Selections.parse(List.of("x".repeat(5000), "a\u0000b"), null);
        assertEquals(65, listed.ids().get(0).length());
        assertEquals("a\\u0000b", listed.ids().get(1));
    }

    @Test
    void selectorsNameAKeyDigestOrADnsName() {
        assertEquals(new Selection.SharingKey("ab".repeat(32)), Selections.parse(null, Map.of("publicKeySha256", "AB".repeat(32))));
        assertEquals(new Selection.CoveringDomain("example.com"), Selections.parse(null, Map.of("domain", " Example.COM ")));
        assertEquals(ErrorCode.INVALID_SELECTION, refusal(null, Map.of("publicKeySha256", "abc")));
        assertEquals(ErrorCode.INVALID_SELECTION, refusal(null, Map.of("domain", "*.example.com")));
        assertEquals(ErrorCode.INVALID_SELECTION, refusal(null, Map.of("domain", "exa mple.com")));
        assertEquals(ErrorCode.INVALID_SELECTION, refusal(null, Map.of("domain", 7)));
        assertEquals(ErrorCode.INVALID_SELECTION, refusal(null, Map.of("serial", "01")));
        assertEquals(ErrorCode.INVALID_SELECTION, refusal(null, Map.of("domain", "example.com", "publicKeySha256", "ab".repeat(32))));
        assertEquals(ErrorCode.INVALID_SELECTION, refusal(null, List.of("example.com")));
    }

    @Test
    void aWildcardCoversExactlyOneLabel() {
        Selection.CoveringDomain www = new Selection.CoveringDomain("www.example.com");
        Selection.CoveringDomain deeper = new Selection.CoveringDomain("a.b.example.com");
        Selection.CoveringDomain apex = new Selection.CoveringDomain("example.com");
        assertEquals(true, www.covers("*.example.com"));
        assertEquals(false, deeper.covers("*.example.com"));
        assertEquals(true, apex.covers("*.example.com"));
        assertEquals(false, apex.covers("notexample.com"));
        assertEquals(true, apex.covers("a.b.example.com"));
    }
}

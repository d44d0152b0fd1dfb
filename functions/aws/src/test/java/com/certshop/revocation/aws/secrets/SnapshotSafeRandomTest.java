package com.certshop.revocation.aws.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SnapshotSafeRandomTest {
    private final SnapshotSafeRandom random = new SnapshotSafeRandom();

    private byte[] draw() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void itHoldsNoGeneratorUntilFirstDrawnFrom() {
        assertFalse(random.drawnFrom());
        byte[] first = draw();
        assertTrue(random.drawnFrom());
        assertFalse(Arrays.equals(first, draw()));
    }

    @Test
    void forgettingDropsTheGeneratorAndTheNextDrawSeedsANewOne() {
        byte[] before = draw();
        random.forget();
        assertFalse(random.drawnFrom());
        assertNotEquals(Arrays.toString(before), Arrays.toString(draw()));
        assertTrue(random.drawnFrom());
    }

    @Test
    void everyWayOfDrawingGoesThroughTheGenerator() {
        random.nextInt();
        assertTrue(random.drawnFrom());
        random.forget();
        random.generateSeed(8);
        assertTrue(random.drawnFrom());
    }
}

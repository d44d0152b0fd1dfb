package com.certshop.revocation.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags Lambda's managed Java runtime puts on the command line of every function's JVM,
 * whatever the function (as java17's shows them; AWS documents C1 only as the default of java21
 * too): C1 only, the serial collector, a heap of 85 % of the function's memory, IPv4. A handler
 * deployed there, ours or the textbook's, runs under them; a bench that started the peer with the
 * JVM's own defaults instead (tiered compilation, and G1 on a machine with two cores and 2 GB or
 * more) would compare our functions with a peer that spends on C2 and G1 what no deployed peer
 * spends.
 *
 * <p>Left out: the runtime's own class-data-sharing archive, named with {@code -Xshare:on} (the
 * JDK's default archive stands in for it; with the serial collector, JDK 17 maps its classes but
 * not its archived heap objects, which only G1 can use), its Log4j hot-patch agent, an
 * {@code --add-opens} for its own serializer, and its runtime interface client's properties.
 */
public final class LambdaJvmFlags {
    /** The flag that keeps C2 out; {@link #withC2} drops it. */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private LambdaJvmFlags() {
    }

    /** The runtime's flags for a function with this much memory. */
    public static List<String> forMemory(int memoryMb) {
        return List.of("-XX:MaxHeapSize=" + memoryMb * 1024L * 85 / 100 + "k", "-XX:+UseSerialGC",
                "-XX:+TieredCompilation", C1_ONLY, "-Djava.net.preferIPv4Stack=true");
    }

    /**
     * The same flags with C2 allowed (tiered compilation to its last tier): what a function gets
     * where the runtime leaves the JVM's compilation defaults alone, as java25 does for SnapStart.
     */
    public static List<String> withC2(List<String> flags) {
        List<String> tiered = new ArrayList<>(flags);
        if (!tiered.remove(C1_ONLY)) {
            throw new IllegalArgumentException("no " + C1_ONLY + " to drop in " + flags);
        }
        return tiered;
    }

    /** {@code JAVA_TOOL_OPTIONS} without the C1-only flag (null when nothing else is left). */
    public static String withC2(String toolOptions) {
        String rest = String.join(" ", Arrays.stream(toolOptions.trim().split("\\s+"))
                .filter(option -> !option.equals(C1_ONLY)).toList());
        return rest.isEmpty() ? null : rest;
    }
}

package com.certshop.revocation.bench.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * One function as a process of its own, started the way Lambda's Java runtime starts one: the
 * handler class built through its no-argument constructor, then called with the event converted
 * the way the runtime converts it (a POJO handler of an AWS event type gets the event built by
 * aws-lambda-java-serialization's event serializers; a stream handler gets the bytes). The
 * classpath is this class, that serialization library and the function's own code (its jar
 * unpacked, as Lambda unpacks a deployment package; for the bench's AppCDS row, the jar), nothing
 * else.
 *
 * <p>Arguments: {@code <handler class> <event file> [warm calls] [most warm-up calls]}. After the
 * first (cold) call, with warm calls asked for, it calls the handler with the same event until the
 * JIT has compiled nothing for {@value #JIT_QUIET_CALLS} calls in a row (or the most warm-up calls
 * are made), then makes the warm calls, and prints, on stdout, one line the bench reads:
 * {@code result status=<first answer's status> cpuMs=<process cpu after the first call>
 * rssKb=<peak resident set> warmupCalls=<calls before the warm ones> jitSettled=<true|false>
 * warmNanos=<each warm call, comma-separated> warmCpuNanos=<the calling thread's cpu in each>
 * rawNanos=<each bare exchange> rawCpuNanos=<the calling thread's cpu in each>
 * probeCpuNanos=<the calling thread's cpu in the speed probe after each warm call>
 * probeChecksum=<the probe's result, printed so that the JIT cannot drop its work>}.
 * A warm call is timed from the event's bytes in to the answer's bytes out, the handler's log line
 * included (written to stdout, a pipe here as on Lambda).
 *
 * <p>With {@code -D}{@value #RAW_EXCHANGE_WITH}{@code =<endpoint URL>}, every warm-up and warm call
 * comes right after a bare exchange with that endpoint ({@link RawExchange}), timed the same way:
 * the i-th warm call and the i-th exchange are a pair, made by the same thread a fraction of a
 * millisecond apart, so whatever else the machine runs costs both alike.
 *
 * <p>After every warm-up and warm call it also runs a speed probe ({@link MachineSpeedProbe}) and times it: a
 * fixed piece of work, so the bench can tell how fast the machine itself ran while each call was
 * made.
 */
public final class LambdaJavaRuntime {
    /**
     * Calls without a compilation that end the warm-up. Counting a fixed number of calls instead
     * measured the JIT at work: with C1 only, one GetItem through the SDK still got faster for
     * some 2,500 calls (the compiler queue is long, and the policy raises its thresholds then).
     */
    public static final int JIT_QUIET_CALLS = 500;
    /** The system property naming the endpoint of the bare exchanges paired with the warm calls. */
    public static final String RAW_EXCHANGE_WITH = "rawExchangeWith";

    private LambdaJavaRuntime() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        int warmCalls = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int mostWarmupCalls = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;

        Invoker invoker = invoker(Class.forName(handlerClass).getConstructor().newInstance());
        String first = invoker.invoke(event);
        // Measured here, before the warm calls: the cold start is the JVM, init and one call.
        long cpuMs = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis();
        long rssKb = peakRssKb();

        int warmupCalls = 0;
        boolean jitSettled = true;
        long[] warm = new long[warmCalls];
        long[] warmCpu = new long[warmCalls];
        long[] raw = new long[warmCalls];
        long[] rawCpu = new long[warmCalls];
        long[] probeCpu = new long[warmCalls];
        int probeChecksum = 0;
        String rawExchangeWith = System.getProperty(RAW_EXCHANGE_WITH);
        if (warmCalls > 0) {
            try (RawExchange bare = rawExchangeWith == null ? null : new RawExchange(URI.create(rawExchangeWith))) {
                // Only here: a cold run's wall time must not include loading the management classes.
                CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
                MachineSpeedProbe probe = new MachineSpeedProbe();
                jitSettled = false;
                for (int quiet = 0; !jitSettled && warmupCalls < mostWarmupCalls; warmupCalls++) {
                    long compiledMs = jit.getTotalCompilationTime();
                    if (bare != null) {
                        bare.roundTrip();
                    }
                    invoker.invoke(event);
                    probe.run();
                    quiet = jit.getTotalCompilationTime() == compiledMs ? quiet + 1 : 0;
                    jitSettled = quiet >= JIT_QUIET_CALLS;
                }
                // The calling thread's cpu as well as the wall time: it is what the call costs the function
                // (the SDK's sync clients run the request on the caller's thread), whatever else the machine runs.
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                for (int i = 0; i < warmCalls; i++) {
                    long cpuStarted = threads.getCurrentThreadCpuTime();
                    long started = System.nanoTime();
                    if (bare != null) {
                        bare.roundTrip();
                        raw[i] = System.nanoTime() - started;
                        rawCpu[i] = threads.getCurrentThreadCpuTime() - cpuStarted;
                        cpuStarted = threads.getCurrentThreadCpuTime();
                        started = System.nanoTime();
                    }
                    invoker.invoke(event);
                    warm[i] = System.nanoTime() - started;
                    warmCpu[i] = threads.getCurrentThreadCpuTime() - cpuStarted;
                    long probeStarted = threads.getCurrentThreadCpuTime();
                    probe.run();
                    probeCpu[i] = threads.getCurrentThreadCpuTime() - probeStarted;
                }
                probeChecksum = probe.checksum();
            }
        }
        System.out.println("result status=" + status(first) + " cpuMs=" + cpuMs + " rssKb=" + rssKb
                + " warmupCalls=" + warmupCalls + " jitSettled=" + jitSettled
                + " warmNanos=" + joined(warm) + " warmCpuNanos=" + joined(warmCpu)
                + " rawNanos=" + (rawExchangeWith == null ? "" : joined(raw))
                + " rawCpuNanos=" + (rawExchangeWith == null ? "" : joined(rawCpu))
                + " probeCpuNanos=" + joined(probeCpu) + " probeChecksum=" + probeChecksum);
        // Threads the SDK or the handler left running must not keep the process (and the wall time) going.
        System.exit(0);
    }

    private static String joined(long[] values) {
        return String.join(",", Arrays.stream(values).mapToObj(Long::toString).toList());
    }

    /** One call of the handler with the event's bytes; returns the answer's JSON. */
    private interface Invoker {
        String invoke(byte[] event) throws IOException;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Invoker invoker(Object handler) {
        if (handler instanceof RequestStreamHandler stream) {
            return event -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(event), out, null);
                return out.toString(StandardCharsets.UTF_8);
            };
        }
        RequestHandler pojo = (RequestHandler) handler;
        Class<?> input = typeArgument(handler.getClass(), 0);
        Class<?> output = typeArgument(handler.getClass(), 1);
        ClassLoader loader = handler.getClass().getClassLoader();
        PojoSerializer in = LambdaEventSerializers.serializerFor(input, loader);
        PojoSerializer out = LambdaEventSerializers.serializerFor(output, loader);
        return event -> {
            Object answer = pojo.handleRequest(in.fromJson(new ByteArrayInputStream(event)), null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out.toJson(answer, bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        };
    }

    /** The {@code RequestHandler<I, O>} type arguments, found up the handler's superclasses as the runtime finds them. */
    private static Class<?> typeArgument(Class<?> type, int index) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return (Class<?>) p.getActualTypeArguments()[index];
                }
            }
        }
        throw new IllegalArgumentException(type + " is neither a RequestHandler nor a RequestStreamHandler");
    }

    /** The answer's statusCode, read as text: the bench needs it only to see that the call did what it should. */
    private static String status(String answer) {
        int at = answer.indexOf("\"statusCode\"");
        if (at < 0) {
            return "none";
        }
        int colon = answer.indexOf(':', at);
        int end = colon + 1;
        while (end < answer.length() && (Character.isDigit(answer.charAt(end)) || answer.charAt(end) == ' ')) {
            end++;
        }
        return answer.substring(colon + 1, end).trim();
    }

    private static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}

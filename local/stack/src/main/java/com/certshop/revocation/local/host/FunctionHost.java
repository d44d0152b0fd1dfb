package com.certshop.revocation.local.host;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One Lambda function hosted in this JVM the way the Java runtime hosts it: its own deployment jar
 * in a class loader that sees nothing else, the handler built once, its SnapStart hooks run before
 * its first invocation, events and responses through the runtime's serializer, and an unhandled
 * exception reported as Lambda reports it.
 */
public final class FunctionHost implements AutoCloseable {
    private final String name;
    /**
     * The function's Timeout, from which each invocation's remaining time counts down, as on
     * Lambda: a function that paces itself (the CA check, the refund check) takes no new work near
     * its end. The host stops no function that runs longer, where Lambda would end it.
     */
    private final Duration timeout;
    /** The function's MemorySize, as its context reports it. */
    private final int memoryMb;
    private final URLClassLoader loader;
    private final Object handler;
    private final Method handleRequest;
    private final boolean streaming;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;
    private final Class<?> contextType;
    /** Invocations hold it shared; {@link #close} takes it alone and keeps it. */
    private final ReentrantReadWriteLock inFlight = new ReentrantReadWriteLock();
    /** Set when {@link #close} begins: from then on an invocation in flight has no time left. */
    private volatile boolean stopping;
    /** Whether the SnapStart hooks have run; what they threw, if they failed. Guarded by this. */
    private boolean restored;
    private Throwable restoreFailure;

    private FunctionHost(String name, Duration timeout, int memoryMb, URLClassLoader loader, Object handler)
            throws ReflectiveOperationException {
        this.name = name;
        this.timeout = timeout;
        this.memoryMb = memoryMb;
        this.loader = loader;
        this.handler = handler;
        this.contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Class<?> streamHandler = loader.loadClass("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
        this.streaming = streamHandler.isInstance(handler);
        if (streaming) {
            this.handleRequest = streamHandler.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
            this.input = null;
            this.output = null;
        } else {
            // The typed method, not the bridge: its parameter and return types are the event classes.
            this.handleRequest = Arrays.stream(handler.getClass().getMethods())
                    .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge())
                    .findFirst().orElseThrow(() -> new IllegalStateException(name + ": no typed handleRequest"));
            this.input = serializerFor(handleRequest.getParameterTypes()[0]);
            this.output = serializerFor(handleRequest.getReturnType());
        }
    }

    /**
     * Loads the function from its jar and builds its handler with the given environment, through
     * the handler's {@code (Environment)} constructor, because environment variables cannot be set
     * for code in a running JVM. Its invocations get the template's Timeout and MemorySize.
     */
    public static FunctionHost load(String name, Path jar, String handlerClass, Map<String, String> environment,
            Duration timeout, int memoryMb) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " is missing; build the functions first (mvn -B package)");
        }
        try {
            URLClassLoader loader = new URLClassLoader(name, new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Object handler = withContextLoader(loader, () -> {
                try {
                    Class<?> environmentType = loader.loadClass("com.certshop.revocation.aws.config.Environment");
                    Object env = environmentType.getConstructor(Map.class).newInstance(environment);
                    return loader.loadClass(handlerClass).getConstructor(environmentType).newInstance(env);
                } catch (InvocationTargetException e) {
                    throw new IllegalStateException(name + " failed to start: " + e.getCause(), e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(name + ": cannot build " + handlerClass, e);
                }
            });
            return new FunctionHost(name, timeout, memoryMb, loader, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + ": not a Lambda handler: " + handlerClass, e);
        }
    }

    public String name() {
        return name;
    }

    /** Runs the function on a JSON payload, as one Lambda invocation. */
    public Invocation invoke(byte[] payload, String requestId) {
        if (stopping || !inFlight.readLock().tryLock()) {
            return failed(new IllegalStateException(name + " is stopping with the local stack"));
        }
        try {
            return invokeNow(payload, requestId);
        } finally {
            inFlight.readLock().unlock();
        }
    }

    private Invocation invokeNow(byte[] payload, String requestId) {
        Throwable restoreFailed = checkpointAndRestoreOnce();
        if (restoreFailed != null) {
            return failed(restoreFailed);
        }
        Object context = context(requestId, Instant.now().plus(timeout));
        return withContextLoader(loader, () -> {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                if (streaming) {
                    handleRequest.invoke(handler, new ByteArrayInputStream(payload), out, context);
                } else {
                    Object event = input.fromJson(new ByteArrayInputStream(payload));
                    output.toJson(handleRequest.invoke(handler, event, context), out);
                }
                return new Invocation(out.toByteArray(), null);
            } catch (InvocationTargetException e) {
                return failed(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (RuntimeException e) {
                return failed(e); // the payload did not deserialize, as the runtime would report it
            }
        });
    }

    /**
     * What SnapStart does between a function's init and its first invocation: the handler's CRaC
     * hooks, beforeCheckpoint (its priming, against the emulators) and then afterRestore, once.
     * They run here rather than straight after init because the local stack creates the table and
     * the other resources only after it has loaded every function; on AWS they exist before a
     * version is published. Each function has its own org.crac, from its own jar; in a JVM without
     * CRaC that org.crac keeps no registrations, so a handler that is itself an org.crac Resource,
     * as every handler here registers itself, counts as registered. Invocations wait until the hooks
     * are done, as on Lambda, and if they failed every invocation fails with their error: on AWS
     * such a version would not be published (or its restore would fail).
     */
    private synchronized Throwable checkpointAndRestoreOnce() {
        if (!restored) {
            restored = true;
            restoreFailure = withContextLoader(loader, this::checkpointAndRestore);
        }
        return restoreFailure;
    }

    private Throwable checkpointAndRestore() {
        Class<?> resource;
        try {
            resource = loader.loadClass("org.crac.Resource");
        } catch (ClassNotFoundException noCrac) {
            return null;
        }
        if (!resource.isInstance(handler)) {
            return null;
        }
        try {
            Class<?> cracContext = loader.loadClass("org.crac.Context");
            Object global = loader.loadClass("org.crac.Core").getMethod("getGlobalContext").invoke(null);
            resource.getMethod("beforeCheckpoint", cracContext).invoke(handler, global);
            resource.getMethod("afterRestore", cracContext).invoke(handler, global);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + ": its org.crac is not the CRaC API", e);
        }
    }

    /** The body Lambda returns for an unhandled exception; Step Functions reads errorType as the error name. */
    private Invocation failed(Throwable error) {
        System.err.println("[" + name + "] " + error);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorMessage", String.valueOf(error.getMessage()));
        body.put("errorType", error.getClass().getName());
        body.put("stackTrace", Arrays.stream(error.getStackTrace()).limit(20).map(String::valueOf).toList());
        try {
            return new Invocation(JSON.std.asBytes(body), error.getClass().getName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object context(String requestId, Instant deadline) {
        return Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, (proxy, method, args) -> switch (method.getName()) {
            case "getAwsRequestId" -> requestId;
            case "getFunctionName", "getLogGroupName" -> name;
            case "getFunctionVersion" -> "$LATEST";
            case "getRemainingTimeInMillis" ->
                    stopping ? 0 : (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            case "getMemoryLimitInMB" -> memoryMb;
            case "toString" -> "LocalContext[" + name + "]";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> null;
        });
    }

    @SuppressWarnings("unchecked")
    private PojoSerializer<Object> serializerFor(Class<?> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    private static <T> T withContextLoader(ClassLoader loader, Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Closes the function's class loader once the invocations in flight have ended (at most 10 s):
     * one cut off by a closed loader fails on the first class it had not loaded yet instead of
     * ending as it would. Invocations that arrive after this has begun are refused, and the ones in
     * flight are told they have no time left: a scheduled run (the CA check, the refund check) then
     * finishes the item it is on and takes no more, as it does at its deadline on AWS.
     */
    @Override
    public void close() throws IOException {
        stopping = true;
        try {
            if (!inFlight.writeLock().tryLock(10, TimeUnit.SECONDS)) {
                System.err.println(name + ": an invocation still running after 10 s; its class loader closes anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loader.close();
    }

    /**
     * @param payload   the response, or Lambda's error document
     * @param errorType the unhandled exception's class name, or null when the function succeeded
     */
    public record Invocation(byte[] payload, String errorType) {
        public boolean failed() {
            return errorType != null;
        }
    }
}

package com.certshop.revocation.domain.fakes;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;

/**
 * A port that records every call made to it and passes it on to a fake, or fails each one as an
 * unreachable AWS service would: what the handlers' SnapStart tests watch their priming through.
 */
public final class RecordingPort {
    private RecordingPort() {
    }

    /**
     * @param calls         receives each call, as the method's name, with its arguments when {@code withArguments}
     * @param unreachable   true to fail every call instead of passing it on
     */
    public static <T> T of(Class<T> port, T target, List<String> calls, boolean withArguments, boolean unreachable) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            calls.add(withArguments ? method.getName() + Arrays.toString(args) : method.getName());
            if (unreachable) {
                throw new IllegalStateException("simulated: DynamoDB is unreachable");
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}

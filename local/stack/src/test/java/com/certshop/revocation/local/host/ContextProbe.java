package com.certshop.revocation.local.host;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.certshop.revocation.aws.config.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function that answers with what its context says: {@code <remaining ms> <memory MB>}. Built
 * the way the host builds a function, through an {@code (Environment)} constructor.
 */
public final class ContextProbe implements RequestStreamHandler {
    public ContextProbe(Environment env) {
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write((context.getRemainingTimeInMillis() + " " + context.getMemoryLimitInMB()).getBytes(StandardCharsets.UTF_8));
    }
}

package com.certshop.revocation.aws.testing;

import com.certshop.revocation.local.moto.MotoServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the shared moto server: started on a free port on first use, stopped by JUnit
 * (it closes AutoCloseable values of the root store) when the run ends.
 */
public final class MotoExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AwsEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MotoServer server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("moto-server", k -> MotoServer.start(), MotoServer.class);
        return AwsEmulator.at(server::endpoint, "/moto-api/data.json");
    }
}

package com.certshop.revocation.local.moto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MotoServerIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesOnAFreeLoopbackPortUntilClosed() throws Exception {
        MotoServer moto = MotoServer.start();
        HttpRequest ping = HttpRequest.newBuilder(moto.endpoint().resolve("/moto-api/")).build();
        try (moto) {
            assertTrue(moto.endpoint().toString().startsWith("http://127.0.0.1:"));
            assertEquals(200, http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertThrows(ConnectException.class, () -> http.send(ping, HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void aMissingPythonIsReportedWithInstallInstructions() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MotoServer.start("/nonexistent/python3", MotoServer.freePort(), Map.of()));
        assertTrue(e.getMessage().contains(MotoServer.INSTALL_HINT), e.getMessage());
    }
}

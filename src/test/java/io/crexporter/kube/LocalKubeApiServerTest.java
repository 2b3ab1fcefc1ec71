package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test API server's start-up: a port taken between choosing it and binding it costs a retry on
 * new ports, not a failed test; any other failure is reported at once.
 */
class LocalKubeApiServerTest {

  @TempDir Path dir;

  @Test
  void aTakenPortIsReplacedByANewOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // connections are closed at once, so that start.sh's readiness probe fails fast instead of
      // waiting minutes for a TLS handshake that never comes
      Thread refuse =
          new Thread(
              () -> {
                while (!taken.isClosed()) {
                  try {
                    taken.accept().close();
                  } catch (IOException e) {
                    // closed at the end of the test
                  }
                }
              });
      refuse.setDaemon(true);
      refuse.start();
      // the API server's port is the first one chosen: the one taken, on the first attempt only
      AtomicInteger chosen = new AtomicInteger();
      IntSupplier ports = freePortsAfter(taken.getLocalPort(), chosen);
      try (LocalKubeApiServer api = LocalKubeApiServer.start(dir, Map.of(), "", ports)) {
        assertEquals(6, chosen.get(), "three ports for each of two attempts");
        assertNotEquals(taken.getLocalPort(), api.port());
        new CoreV1Api(api.client()).readNamespace("default").execute();
      }
    }
  }

  @Test
  void anyOtherFailureFailsAtOnceWithTheServersLog() throws Exception {
    AtomicInteger chosen = new AtomicInteger();
    IntSupplier ports = freePortsAfter(-1, chosen);
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () -> LocalKubeApiServer.start(dir, Map.of(), "--no-such-flag", ports).close());
    assertTrue(failure.getMessage().contains("unknown flag: --no-such-flag"), failure.getMessage());
    assertEquals(3, chosen.get(), "a single attempt");
  }

  /** Free ports, except {@code first} (unless negative) as the very first one. */
  private static IntSupplier freePortsAfter(int first, AtomicInteger chosen) {
    return () -> {
      if (chosen.getAndIncrement() == 0 && first >= 0) {
        return first;
      }
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}

package io.crexporter.http;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * client_java's HTTP server: {@code /metrics} with content negotiation (Prometheus text,
 * OpenMetrics, protobuf) and gzip, plus {@code /healthz} and {@code /readyz}.
 */
public final class MetricsServer implements AutoCloseable {

  private final HTTPServer server;

  private MetricsServer(HTTPServer server) {
    this.server = server;
  }

  /**
   * @param port 0 for any free port
   * @param notReady names of the sources that have not synced yet; empty when ready
   */
  public static MetricsServer start(
      String address, int port, PrometheusRegistry registry, Supplier<List<String>> notReady)
      throws IOException {
    HTTPServer server =
        HTTPServer.builder()
            .hostname(address)
            .port(port)
            .registry(registry)
            .defaultHandler(new HealthHandler(notReady))
            .buildAndStart();
    return new MetricsServer(server);
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}

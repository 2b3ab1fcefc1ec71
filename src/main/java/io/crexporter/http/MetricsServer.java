package io.crexporter.http;

import com.sun.net.httpserver.HttpExchange;
import io.crexporter.exposition.ScrapeSource;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * client_java's HTTP server (its JDK server and worker pool) answering {@code /metrics} with the
 * exporter's streamed exposition, plus {@code /healthz} and {@code /readyz}. client_java's own
 * metrics handler would buffer the whole body; it is mounted on a path no request can have.
 */
public final class MetricsServer implements AutoCloseable {

  /** Request paths never contain a space: no request reaches client_java's handler. */
  private static final String UNREACHABLE = "/ client_java";

  private final HTTPServer server;

  private MetricsServer(HTTPServer server) {
    this.server = server;
  }

  /**
   * @param port 0 for any free port
   * @param notReady names of the sources that have not synced yet; empty when ready
   * @param timings receives the duration of each scrape, in seconds
   */
  public static MetricsServer start(
      String address,
      int port,
      ScrapeSource exposition,
      Supplier<List<String>> notReady,
      DoubleConsumer timings)
      throws IOException {
    ScrapeHandler scrape = new ScrapeHandler(exposition, timings);
    HealthHandler health = new HealthHandler(notReady);
    HTTPServer server =
        HTTPServer.builder()
            .hostname(address)
            .port(port)
            .metricsHandlerPath(UNREACHABLE)
            .registerHealthHandler(false)
            .defaultHandler(
                (HttpExchange exchange) -> {
                  if (exchange.getRequestURI().getPath().equals("/metrics")) {
                    scrape.handle(exchange);
                  } else {
                    health.handle(exchange);
                  }
                })
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

package io.crexporter.http;

import com.sun.net.httpserver.HttpExchange;
import io.crexporter.exposition.ScrapeSource;
import io.crexporter.web.MetricsAccess;
import io.crexporter.web.WebSecurity;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * client_java's HTTP server (the JDK's server) answering {@code /metrics} with the exporter's
 * streamed exposition, plus {@code /healthz} and {@code /readyz}, over HTTP or, with a web
 * configuration that says so, TLS. client_java's own metrics handler would buffer the whole body;
 * it is mounted on a path no request can have. Only {@code /metrics} asks for credentials: probes
 * stay open.
 */
public final class MetricsServer implements AutoCloseable {

  /** Request paths never contain a space: no request reaches client_java's handler. */
  private static final String UNREACHABLE = "/ client_java";

  /**
   * Workers: a slow client ties one up while its request is read, so there are many, created when
   * needed and ended when idle, and probes find one free while dozens of clients dawdle.
   */
  private static final int WORKERS = 256;

  private final HTTPServer server;

  private MetricsServer(HTTPServer server) {
    this.server = server;
  }

  /**
   * Plain HTTP, open to everyone.
   *
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
    return start(
        address, port, exposition, notReady, timings, WebSecurity.plain(), MetricsAccess.OPEN);
  }

  /**
   * @param security TLS and response headers in force
   * @param access who may read {@code /metrics}
   */
  public static MetricsServer start(
      String address,
      int port,
      ScrapeSource exposition,
      Supplier<List<String>> notReady,
      DoubleConsumer timings,
      WebSecurity security,
      MetricsAccess access)
      throws IOException {
    HttpTimeouts.apply();
    JavaLogging.toExporterLog();
    ScrapeHandler scrape = new ScrapeHandler(exposition, timings);
    HealthHandler health = new HealthHandler(notReady);
    HTTPServer.Builder builder =
        HTTPServer.builder()
            .hostname(address)
            .port(port)
            .executorService(workers())
            .metricsHandlerPath(UNREACHABLE)
            .registerHealthHandler(false)
            .defaultHandler(
                (HttpExchange exchange) -> {
                  security.config().headers().forEach(exchange.getResponseHeaders()::set);
                  if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                    health.handle(exchange);
                  } else if (access.admit(exchange)) {
                    scrape.handle(exchange);
                  }
                });
    security.httpsConfigurator().ifPresent(builder::httpsConfigurator);
    return new MetricsServer(builder.buildAndStart());
  }

  private static ExecutorService workers() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            WORKERS,
            WORKERS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "http-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}

package io.crexporter.e2e;

import io.crexporter.app.Exporter;
import io.crexporter.http.MetricsServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The exporter serving the shipped mappings over some object files on a free loopback port, and a
 * real Prometheus scraping it, started on first use because starting it takes seconds and some
 * tests need only the exporter.
 */
final class ScrapedExporter implements AutoCloseable {

  static final String JOB = "custom-resource-exporter";

  private final Exporter exporter;
  private final MetricsServer server;
  private final Path directory;
  private PrometheusServer prometheus;

  private ScrapedExporter(Exporter exporter, MetricsServer server, Path directory) {
    this.exporter = exporter;
    this.server = server;
    this.directory = directory;
  }

  /**
   * @param objects object files or directories, served with every file in {@code config/}
   * @param watch follow changes to the object files
   * @param directory where Prometheus keeps its configuration, data and log
   */
  static ScrapedExporter serve(List<Path> objects, boolean watch, Path directory) throws Exception {
    Exporter exporter =
        Exporter.create(
            new Exporter.Options(List.of(Path.of("config")), objects, watch, true, true));
    exporter.start();
    try {
      return new ScrapedExporter(
          exporter,
          MetricsServer.start(
              "127.0.0.1", 0, exporter.exposition(), exporter::notReady, exporter::scraped),
          directory);
    } catch (IOException | RuntimeException e) {
      exporter.close();
      throw e;
    }
  }

  Exporter exporter() {
    return exporter;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Prometheus scraping the exporter; skipped (or failed on CI) when it is not installed. */
  PrometheusServer prometheus() throws IOException, InterruptedException {
    if (prometheus == null) {
      Path binary = PrometheusBinaries.require("prometheus");
      prometheus =
          PrometheusServer.start(
              binary,
              Files.createDirectories(directory.resolve("prometheus")),
              JOB,
              "127.0.0.1:" + server.port());
    }
    return prometheus;
  }

  /** Prometheus if it was started, for its log when a test fails. */
  PrometheusServer startedPrometheus() {
    return prometheus;
  }

  @Override
  public void close() throws Exception {
    try {
      if (prometheus != null) {
        prometheus.close();
      }
    } finally {
      server.close();
      exporter.close();
    }
  }
}

package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.fail;

import io.crexporter.app.Exporter;
import io.crexporter.http.MetricsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** The exporter serving a cluster on a free port, and what tests ask of its endpoints. */
final class RunningExporter implements AutoCloseable {

  private final Exporter exporter;
  private final KubeSettings settings;
  private final MetricsServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  /** With the default settings for the API server, as the command line runs it. */
  RunningExporter(Path config, Path kubeconfig) throws Exception {
    this(config, kubeconfig, KubeSettings.DEFAULTS);
  }

  RunningExporter(Path config, Path kubeconfig, KubeSettings settings) throws Exception {
    this(config, kubeconfig, settings, Sharding.NONE);
  }

  RunningExporter(Path config, Path kubeconfig, KubeSettings settings, Sharding sharding)
      throws Exception {
    this.settings = settings;
    exporter =
        Exporter.create(
            new Exporter.Options(
                List.of(config),
                List.of(),
                true,
                true,
                false,
                true,
                kubeconfig,
                settings,
                sharding));
    server =
        MetricsServer.start(
            "127.0.0.1", 0, exporter.exposition(), exporter::notReady, exporter::scraped);
    exporter.start();
  }

  Exporter exporter() {
    return exporter;
  }

  /** The settings the exporter talks to the API server with. */
  KubeSettings kubeSettings() {
    return settings;
  }

  /** The HTTP status of {@code path}; fails when there is no answer within {@code timeout}. */
  int status(String path, Duration timeout) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(timeout)
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  String get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Sample lines of the exposition that start with {@code prefix}. */
  List<String> lines(String prefix) throws Exception {
    return Arrays.stream(get("/metrics").split("\n")).filter(l -> l.startsWith(prefix)).toList();
  }

  /** Waits up to {@code timeout} for the exposition to satisfy {@code condition}. */
  String await(Duration timeout, String what, Predicate<String> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String text = get("/metrics");
    while (!condition.test(text)) {
      if (System.nanoTime() > deadline) {
        fail("not seen within " + timeout + ": " + what + "\n" + text);
      }
      Thread.sleep(100);
      text = get("/metrics");
    }
    return text;
  }

  String await(String what, Predicate<String> condition) throws Exception {
    return await(Duration.ofSeconds(30), what, condition);
  }

  /** Waits until {@code /readyz} says ready. */
  void awaitReady(String what) throws Exception {
    await(what, text -> readiness().equals("ready\n"));
  }

  private String readiness() {
    try {
      return get("/readyz");
    } catch (Exception e) {
      return e.toString();
    }
  }

  String awaitLine(String line) throws Exception {
    return await(line, text -> text.contains("\n" + line + "\n"));
  }

  String awaitNoLineStarting(String prefix) throws Exception {
    return await("no " + prefix, text -> !text.contains("\n" + prefix));
  }

  @Override
  public void close() {
    server.close();
    exporter.close();
  }
}

package io.crexporter.e2e;

import io.crexporter.Polling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;

/**
 * A real Prometheus server in a child process, scraping one target every second. Its data and
 * configuration live in a directory the caller owns (a JUnit temporary directory), and everything
 * it prints goes to {@code prometheus.log} there so that a failing test can show why.
 */
final class PrometheusServer implements AutoCloseable {

  /** Prometheus only hands new targets to the scraper every 5 s, so startup takes a few seconds. */
  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES = 200;

  /** Starts on a port found free, which another process may take first: tried this often. */
  private static final int MAX_ATTEMPTS = 3;

  private final Process process;
  private final Path log;
  private final PrometheusHttpApi api;

  private PrometheusServer(Process process, Path log, PrometheusHttpApi api) {
    this.process = process;
    this.log = log;
    this.api = api;
  }

  /**
   * Starts Prometheus with a configuration that scrapes {@code target} (host:port) as {@code job},
   * and returns once it serves its API. The caller still waits for the first scrape.
   */
  static PrometheusServer start(Path binary, Path directory, String job, String target)
      throws IOException, InterruptedException {
    Path config = directory.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: %s
            static_configs:
              - targets: ['%s']
        """
            .formatted(job, target));
    Path log = directory.resolve("prometheus.log");
    for (int attempt = 1; ; attempt++) {
      int port = freeLoopbackPort();
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + directory.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PrometheusServer server =
          new PrometheusServer(
              process, log, new PrometheusHttpApi(URI.create("http://127.0.0.1:" + port)));
      try {
        server.awaitReady();
        return server;
      } catch (RuntimeException | Error | InterruptedException e) {
        server.close();
        // the free port was taken before Prometheus bound it: another port
        if (attempt < MAX_ATTEMPTS && server.logTail().contains("address already in use")) {
          continue;
        }
        throw e;
      }
    }
  }

  PrometheusHttpApi api() {
    return api;
  }

  /**
   * Waits until Prometheus has scraped {@code job} successfully and returns the target as the API
   * reports it. Fails early, with the log, if Prometheus exits meanwhile.
   */
  Map<String, Object> awaitHealthyTarget(String job) throws InterruptedException {
    try {
      return Polling.until(
          STARTUP_TIMEOUT,
          "Prometheus to report target job=\"" + job + "\" healthy",
          () -> {
            requireAlive();
            return api.activeTarget(job).orElse(null);
          },
          target -> target != null && "up".equals(target.get("health")));
    } catch (AssertionFailedError e) {
      throw new AssertionFailedError(e.getMessage() + "\n" + logTail(), e);
    }
  }

  /** The last lines Prometheus printed, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return "--- " + log + " (last " + tail.size() + " lines) ---\n" + String.join("\n", tail);
    } catch (IOException e) {
      return "--- cannot read " + log + ": " + e + " ---";
    }
  }

  private void awaitReady() throws InterruptedException {
    try {
      Polling.until(
          STARTUP_TIMEOUT,
          "Prometheus at " + api.base() + " to become ready",
          () -> {
            requireAlive();
            return api.get("/-/ready");
          },
          body -> true);
    } catch (AssertionFailedError e) {
      throw new AssertionFailedError(e.getMessage() + "\n" + logTail(), e);
    }
  }

  /** A Prometheus that exited (bad flag, port taken meanwhile) will never become ready. */
  private void requireAlive() {
    if (!process.isAlive()) {
      throw new AssertionFailedError("Prometheus exited with code " + process.exitValue());
    }
  }

  /**
   * A port nobody listens on right now. Another process could take it before Prometheus binds it;
   * Prometheus would then exit, and {@link #start} tries another.
   */
  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM for a clean shutdown of the TSDB, then SIGKILL if it does not stop in time. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }
}

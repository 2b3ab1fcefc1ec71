package io.crexporter.e2e;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the end of Prometheus' log when a test fails: it usually says why a scrape failed. */
final class PrometheusLogOnFailure implements TestWatcher {

  private final Supplier<PrometheusServer> prometheus;

  PrometheusLogOnFailure(Supplier<PrometheusServer> prometheus) {
    this.prometheus = prometheus;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    PrometheusServer server = prometheus.get();
    if (server != null) {
      System.err.println(server.logTail());
    }
  }
}

package io.crexporter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything but {@code /metrics}: liveness, readiness and a small index page. Readiness lists the
 * sources that have not delivered their initial state yet.
 */
final class HealthHandler implements HttpHandler {

  private final Supplier<List<String>> notReady;

  HealthHandler(Supplier<List<String>> notReady) {
    this.notReady = notReady;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      switch (path) {
        case "/healthz" -> respond(exchange, 200, "ok\n");
        case "/readyz" -> readiness(exchange);
        case "/" ->
            respond(
                exchange,
                200,
                "custom-resource-exporter\n\n/metrics  mapped series and the exporter's own metrics\n"
                    + "/healthz  liveness\n/readyz   readiness (every object source synced)\n");
        default -> respond(exchange, 404, "not found: " + path + "\n");
      }
    }
  }

  private void readiness(HttpExchange exchange) throws IOException {
    List<String> waiting = notReady.get();
    if (waiting.isEmpty()) {
      respond(exchange, 200, "ready\n");
    } else {
      respond(exchange, 503, "not ready: waiting for " + String.join(", ", waiting) + "\n");
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    Responses.text(exchange, status, body);
  }
}

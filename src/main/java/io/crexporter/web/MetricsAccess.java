package io.crexporter.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Who may read {@code /metrics}. A request refused is answered here (401 or 403). */
@FunctionalInterface
public interface MetricsAccess {

  /** Everyone. */
  MetricsAccess OPEN = exchange -> true;

  /** Whether the request may go on; when not, its answer has been sent. */
  boolean admit(HttpExchange exchange) throws IOException;

  /** Sends a refusal without a body. */
  static void refuse(HttpExchange exchange, int status) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    byte[] body = (status == 401 ? "unauthorized\n" : "forbidden\n").getBytes();
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}

package io.crexporter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.crexporter.exposition.ExpositionFormat;
import io.crexporter.exposition.ScrapeSource;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /metrics}: the exposition streamed in the format the scraper asks for (OpenMetrics, the
 * Prometheus text format, or protobuf, which client_java writes), gzipped when it accepts gzip. The
 * whole response is timed. A scraper that goes away in the middle is not an error of ours.
 */
final class ScrapeHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ScrapeHandler.class);

  private final ScrapeSource exposition;
  private final DoubleConsumer timings;
  private final ExpositionFormats formats = ExpositionFormats.init();

  ScrapeHandler(ScrapeSource exposition, DoubleConsumer timings) {
    this.exposition = exposition;
    this.timings = timings;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        Responses.text(exchange, 405, "method not allowed: " + method + "\n");
        return;
      }
      String debug = Responses.queryParameter(exchange, "debug");
      if (debug != null) {
        debug(exchange, debug);
        return;
      }
      respond(exchange, method.equals("HEAD"));
    } catch (IOException e) {
      // the scraper closed the connection, or timed out: nothing to answer any more
      LOG.debug("scrape not answered in full: {}", e.toString());
    } finally {
      timings.accept((System.nanoTime() - start) / 1e9);
    }
  }

  private void respond(HttpExchange exchange, boolean head) throws IOException {
    ExpositionFormatWriter writer =
        formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
    exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
    boolean gzip = acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"));
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    if (head) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream body = exchange.getResponseBody()) {
      ExpositionFormat format = formatOf(writer);
      if (format == null) {
        // protobuf: client_java's writer, on the series read back
        OutputStream out = gzip ? new java.util.zip.GZIPOutputStream(body) : body;
        writer.write(out, exposition.snapshots());
        out.close();
      } else if (gzip) {
        exposition.writeGzip(body, format);
      } else {
        exposition.write(body, format);
      }
    }
  }

  private ExpositionFormat formatOf(ExpositionFormatWriter writer) {
    if (writer == formats.getOpenMetricsTextFormatWriter()) {
      return ExpositionFormat.OPENMETRICS;
    }
    if (writer == formats.getPrometheusTextFormatWriter()) {
      return ExpositionFormat.TEXT;
    }
    return null;
  }

  /** {@code ?debug=text|openmetrics|prometheus-protobuf}: the exposition as plain text. */
  private void debug(HttpExchange exchange, String debug) throws IOException {
    switch (debug) {
      case "text", "openmetrics" -> {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
          exposition.write(
              body, debug.equals("text") ? ExpositionFormat.TEXT : ExpositionFormat.OPENMETRICS);
        }
      }
      case "prometheus-protobuf" ->
          Responses.text(
              exchange,
              200,
              formats.getPrometheusProtobufWriter().toDebugString(exposition.snapshots()));
      default ->
          Responses.text(
              exchange,
              400,
              "debug="
                  + debug
                  + ": unsupported; valid values are text, openmetrics and prometheus-protobuf\n");
    }
  }

  private static boolean acceptsGzip(List<String> headers) {
    if (headers == null) {
      return false;
    }
    for (String header : headers) {
      for (String encoding : header.split(",")) {
        String name = encoding.trim();
        int parameters = name.indexOf(';');
        if ((parameters < 0 ? name : name.substring(0, parameters).trim()).equalsIgnoreCase("gzip")
            && !name.replace(" ", "").endsWith(";q=0")) {
          return true;
        }
      }
    }
    return false;
  }
}

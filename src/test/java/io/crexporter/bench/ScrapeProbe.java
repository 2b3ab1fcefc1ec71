package io.crexporter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Scrapes {@code /metrics} over real HTTP, the way Prometheus does, and times each request from
 * sending it until the last byte of the body has arrived.
 */
final class ScrapeProbe {

  /** The formats a Prometheus server asks for; each is a separate code path in client_java. */
  enum Format {
    TEXT("text/plain; version=0.0.4; charset=utf-8", false),
    TEXT_GZIP("text/plain; version=0.0.4; charset=utf-8", true),
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8", false);

    private final String accept;
    private final boolean gzip;

    Format(String accept, boolean gzip) {
      this.accept = accept;
      this.gzip = gzip;
    }
  }

  /**
   * Timings of several scrapes; holds no body so that results can be kept without keeping megabytes
   * of text alive.
   *
   * @param medianNanos median over the measured scrapes
   * @param bytes size of the last response body as sent, compressed when gzip was asked for
   */
  record Stats(long medianNanos, long minNanos, long maxNanos, int bytes) {
    double medianMillis() {
      return medianNanos / 1e6;
    }
  }

  // HTTP/1.1 as Prometheus uses; the client does not decompress, so gzip bodies arrive as sent
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI uri;

  private final int port;

  ScrapeProbe(int port) {
    this.port = port;
    this.uri = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  int port() {
    return port;
  }

  /** Runs {@code warmups} unmeasured scrapes, then returns statistics over {@code runs}. */
  Stats measure(Format format, int warmups, int runs) throws IOException, InterruptedException {
    for (int i = 0; i < warmups; i++) {
      scrape(format);
    }
    long[] nanos = new long[runs];
    int bytes = 0;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      bytes = scrape(format).length;
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return new Stats(nanos[runs / 2], nanos[0], nanos[runs - 1], bytes);
  }

  /** One scrape's body, as sent. */
  byte[] scrape(Format format) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).header("Accept", format.accept);
    if (format.gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    HttpResponse<byte[]> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(uri + " answered " + response.statusCode());
    }
    String encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
    if (format.gzip != encoding.equalsIgnoreCase("gzip")) {
      throw new IOException("asked for gzip=" + format.gzip + " but got encoding " + encoding);
    }
    String mediaType = format.accept.substring(0, format.accept.indexOf(';'));
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    if (!contentType.startsWith(mediaType)) {
      throw new IOException("asked for " + mediaType + " but got " + contentType);
    }
    return response.body();
  }
}

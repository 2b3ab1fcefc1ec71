package io.crexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.app.Exporter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private Exporter exporter;
  private MetricsServer server;

  @BeforeEach
  void start() throws Exception {
    exporter =
        Exporter.create(
            new Exporter.Options(
                List.of(Path.of("config/kpack.yaml")),
                List.of(Path.of("examples/kpack")),
                false,
                true,
                true));
    server =
        MetricsServer.start(
            "127.0.0.1", 0, exporter.exposition(), exporter::notReady, exporter::scraped);
  }

  @AfterEach
  void stop() {
    server.close();
    exporter.close();
  }

  private HttpResponse<byte[]> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void servesThePrometheusTextFormat() throws Exception {
    exporter.start();
    HttpResponse<byte[]> response = get("/metrics");
    assertEquals(200, response.statusCode());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        response.headers().firstValue("Content-Type").orElse(""));
    String body = text(response);
    assertTrue(
        body.contains(
            "kpack_build_status{name=\"tutorial-image-build-1\",namespace=\"default\",status=\"True\",type=\"Succeeded\"} 1.0\n"),
        body);
    assertTrue(body.contains("\njvm_memory_used_bytes{area=\"heap\"}"), "JVM metrics are served");
    assertTrue(body.contains("\ncustom_resource_exporter_build_info{"), "build info is served");
    assertTrue(body.contains("\ncustom_resource_exporter_config_last_reload_successful 1.0\n"));
  }

  @Test
  void servesOpenMetricsWhenAsked() throws Exception {
    exporter.start();
    HttpResponse<byte[]> response =
        get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/openmetrics-text"),
        response.headers().toString());
    String body = text(response);
    assertTrue(body.contains("# TYPE kpack_build_status gauge\n"), body);
    assertTrue(body.contains("# TYPE custom_resource_exporter_build info\n"), body);
    assertTrue(body.endsWith("# EOF\n"));
  }

  @Test
  void compressesWhenTheScraperAcceptsGzip() throws Exception {
    exporter.start();
    HttpResponse<byte[]> response = get("/metrics", "Accept-Encoding", "gzip");
    assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
    String body;
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      body = new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(body.contains("kpack_build_involved_buildpacks{"), body);
    assertTrue(response.body().length < body.length(), "compressed is smaller");
  }

  @Test
  void gzipCarriesTheSameSeriesAsPlainTextInConcatenatedMembers() throws Exception {
    exporter.start();
    String plain = text(get("/metrics"));
    byte[] compressed = get("/metrics", "Accept-Encoding", "gzip").body();
    String unzipped;
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      unzipped = new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(mapped(plain), mapped(unzipped));
    // one member per block of stored lines, plus the headers and the exporter's own metrics
    int members = 0;
    for (int i = 0; i + 2 < compressed.length; i++) {
      if ((compressed[i] & 0xff) == 0x1f
          && (compressed[i + 1] & 0xff) == 0x8b
          && compressed[i + 2] == 8) {
        members++;
      }
    }
    assertTrue(members > 1, "several members: " + members);
  }

  private static List<String> mapped(String text) {
    return text.lines().filter(line -> line.startsWith("kpack_")).sorted().toList();
  }

  @Test
  void servesProtobufThroughClientJavaWhenOnlyItIsAccepted() throws Exception {
    exporter.start();
    HttpResponse<byte[]> response =
        get(
            "/metrics",
            "Accept",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/vnd.google.protobuf"),
        response.headers().toString());
    String debug = text(get("/metrics?debug=prometheus-protobuf"));
    assertTrue(debug.contains("name: \"kpack_build_status\""), debug);
    assertTrue(response.body().length > 1000, "a body of " + response.body().length + " bytes");
  }

  @Test
  void answersWrongRequestsWithTheRightStatus() throws Exception {
    exporter.start();
    assertEquals(404, get("/metricsX").statusCode());
    assertEquals(400, get("/metrics?debug=yaml").statusCode());
    assertEquals(200, get("/metrics?debug=openmetrics").statusCode());
    HttpResponse<byte[]> post =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(405, post.statusCode());
    HttpResponse<byte[]> head =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
  }

  @Test
  void timesEveryScrapeWhole() throws Exception {
    exporter.start();
    get("/metrics");
    get("/metrics", "Accept-Encoding", "gzip");
    String text = text(get("/metrics"));
    assertTrue(text.contains("\ncustom_resource_exporter_scrape_duration_seconds_count 2\n"), text);
  }

  @Test
  void reportsLivenessAndReadiness() throws Exception {
    assertEquals(200, get("/healthz").statusCode());
    HttpResponse<byte[]> before = get("/readyz");
    assertEquals(503, before.statusCode());
    assertEquals("not ready: waiting for files\n", text(before));
    exporter.start();
    HttpResponse<byte[]> after = get("/readyz");
    assertEquals(200, after.statusCode());
    assertEquals("ready\n", text(after));
  }

  @Test
  void answersUnknownPathsWithNotFound() throws Exception {
    assertEquals(404, get("/nothing-here").statusCode());
    assertEquals(200, get("/").statusCode());
  }
}

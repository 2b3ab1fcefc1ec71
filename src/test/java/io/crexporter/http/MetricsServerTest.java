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
    server = MetricsServer.start("127.0.0.1", 0, exporter.registry(), exporter::notReady);
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

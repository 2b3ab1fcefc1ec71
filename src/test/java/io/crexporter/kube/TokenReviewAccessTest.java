package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crexporter.exposition.ExpositionFormat;
import io.crexporter.exposition.ScrapeSource;
import io.crexporter.http.MetricsServer;
import io.crexporter.web.WebSecurity;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kubernetes-authorization} against the local API server: a bearer token is admitted to
 * {@code /metrics} when its user may {@code get} the non-resource URL, as kube-rbac-proxy admits
 * it; probes stay open.
 */
class TokenReviewAccessTest {

  @TempDir Path dir;

  private static final ScrapeSource BODY =
      new ScrapeSource() {
        @Override
        public void write(OutputStream out, ExpositionFormat format) throws IOException {
          out.write("test_metric 1.0\n".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void writeGzip(OutputStream out, ExpositionFormat format) throws IOException {
          write(out, format);
        }

        @Override
        public MetricSnapshots snapshots() {
          return MetricSnapshots.of();
        }
      };

  @Test
  void onlyUsersAllowedToGetMetricsReadThem() throws Exception {
    Map<String, String> users = Map.of("reader", "reader-token-1", "outsider", "outsider-token-1");
    try (LocalKubeApiServer api = LocalKubeApiServer.start(dir.resolve("kube"), users)) {
      api.grant(
          "reader", new V1PolicyRule().nonResourceURLs(List.of("/metrics")).verbs(List.of("get")));
      try (MetricsServer server =
          MetricsServer.start(
              "127.0.0.1",
              0,
              BODY,
              List::of,
              seconds -> {},
              WebSecurity.plain(),
              new TokenReviewAccess(KubeClients.create(api.kubeconfig())))) {
        HttpResponse<String> none = get(server, "/metrics", null);
        assertEquals(401, none.statusCode());
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, get(server, "/metrics", "no-such-token").statusCode());
        assertEquals(403, get(server, "/metrics", "outsider-token-1").statusCode());
        HttpResponse<String> reader = get(server, "/metrics", "reader-token-1");
        assertEquals(200, reader.statusCode());
        assertEquals("test_metric 1.0\n", reader.body());
        // remembered: the same answers again
        assertEquals(200, get(server, "/metrics", "reader-token-1").statusCode());
        assertEquals(403, get(server, "/metrics", "outsider-token-1").statusCode());
        assertEquals(200, get(server, "/healthz", null).statusCode());
        assertEquals(200, get(server, "/readyz", null).statusCode());
      }
    }
  }

  private static HttpResponse<String> get(MetricsServer server, String path, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

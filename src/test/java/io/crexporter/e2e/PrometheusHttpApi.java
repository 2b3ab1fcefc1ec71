package io.crexporter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small client for the parts of Prometheus' HTTP API the end-to-end test reads back: instant
 * queries, the active targets and the metadata Prometheus recorded per scraped metric. Responses
 * are parsed as JSON (with json-path, already on the classpath) rather than matched as text, so
 * that a label order or formatting change in Prometheus cannot make an assertion pass or fail.
 */
final class PrometheusHttpApi {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** One element of an instant vector: its labels (including {@code __name__}) and value. */
  record Sample(Map<String, String> labels, double value) {}

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  PrometheusHttpApi(URI base) {
    this.base = base;
  }

  URI base() {
    return base;
  }

  /** Evaluates {@code promql} now; fails unless Prometheus answers with an instant vector. */
  List<Sample> query(String promql) throws IOException, InterruptedException {
    DocumentContext json = apiCall("/api/v1/query?query=" + encode(promql));
    String resultType = json.read("$.data.resultType");
    if (!"vector".equals(resultType)) {
      throw new IOException("expected a vector for " + promql + ", got " + json.jsonString());
    }
    List<Map<String, Object>> results = json.read("$.data.result");
    List<Sample> samples = new ArrayList<>(results.size());
    for (Map<String, Object> result : results) {
      Map<String, String> labels = new TreeMap<>();
      ((Map<?, ?>) result.get("metric"))
          .forEach((name, value) -> labels.put(String.valueOf(name), String.valueOf(value)));
      // "value" is [<unix time>, "<sample value as a string>"]
      List<?> value = (List<?>) result.get("value");
      samples.add(new Sample(labels, parseValue(String.valueOf(value.get(1)))));
    }
    return samples;
  }

  /** The one sample a query must return. */
  Sample single(String promql) throws IOException, InterruptedException {
    List<Sample> samples = query(promql);
    assertEquals(1, samples.size(), () -> promql + " returned " + samples);
    return samples.get(0);
  }

  /** The values of a query keyed by one label, which must tell its samples apart. */
  Map<String, Double> valuesBy(String label, String promql)
      throws IOException, InterruptedException {
    Map<String, Double> values = new TreeMap<>();
    for (Sample sample : query(promql)) {
      String key = sample.labels().get(label);
      assertNull(values.put(key, sample.value()), () -> promql + ": two samples with " + key);
    }
    return values;
  }

  /** The active target of {@code job} as Prometheus reports it, if it has discovered it yet. */
  Optional<Map<String, Object>> activeTarget(String job) throws IOException, InterruptedException {
    DocumentContext json = apiCall("/api/v1/targets?state=active");
    List<Map<String, Object>> targets = json.read("$.data.activeTargets");
    return targets.stream()
        .filter(target -> job.equals(((Map<?, ?>) target.get("labels")).get("job")))
        .findFirst();
  }

  /**
   * What Prometheus recorded from the {@code # TYPE} and {@code # HELP} lines of {@code job}'s
   * target for the metric family {@code family}: a map with "type", "help" and "unit", or empty.
   */
  Optional<Map<String, Object>> targetMetadata(String job, String family)
      throws IOException, InterruptedException {
    DocumentContext json =
        apiCall(
            "/api/v1/targets/metadata?match_target="
                + encode("{job=\"" + job + "\"}")
                + "&metric="
                + encode(family));
    List<Map<String, Object>> entries = json.read("$.data");
    return entries.stream().findFirst();
  }

  /** A plain GET against Prometheus; the body, or an exception unless the status is 200. */
  String get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response = send(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private DocumentContext apiCall(String pathAndQuery) throws IOException, InterruptedException {
    // the API answers errors with a JSON body and a 4xx/5xx status; keep the body for the message
    HttpResponse<String> response = send(pathAndQuery);
    DocumentContext json = JsonPath.parse(response.body());
    String status = json.read("$.status");
    if (response.statusCode() != 200 || !"success".equals(status)) {
      throw new IOException(
          "GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    return json;
  }

  private HttpResponse<String> send(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Prometheus writes special values Go-style, which {@link Double#parseDouble} does not read. */
  private static double parseValue(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}

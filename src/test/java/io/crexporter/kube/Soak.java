package io.crexporter.kube;

import io.crexporter.app.Exporter;
import io.crexporter.http.MetricsServer;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.PatchUtils;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long run against the local API server: kpack Builds created, their status changed and deleted
 * at a steady rate, the mapping file changed every few minutes, {@code /metrics} scraped as
 * Prometheus would; at the end, the series must equal what the API server holds, and heap and
 * threads must not have grown. Run with {@code bench/soak.sh [MINUTES [OPS_PER_SECOND]]}; not a
 * test.
 */
public final class Soak {

  private static final Pattern BUILD =
      Pattern.compile("\nkpack_build_info\\{[^}]*name=\"([^\"]+)\"");
  private static final int MAX_LIVE = 2_000;

  private Soak() {}

  public static void main(String[] args) throws Exception {
    Duration length = Duration.ofMinutes(args.length > 0 ? Long.parseLong(args[0]) : 60);
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Path dir = Files.createTempDirectory("soak");
    Path mappings = Files.createDirectories(dir.resolve("mappings"));
    String kpack = Files.readString(Path.of("config/kpack.yaml"));
    Files.writeString(mappings.resolve("kpack.yaml"), kpack);
    try (LocalKubeApiServer api = LocalKubeApiServer.start(dir.resolve("kube"), Map.of())) {
      api.installCrd("builds.kpack.io.yaml");
      Exporter exporter =
          Exporter.create(
              new Exporter.Options(
                  List.of(mappings), List.of(), true, true, true, true, api.kubeconfig()));
      MetricsServer server =
          MetricsServer.start(
              "127.0.0.1", 0, exporter.exposition(), exporter::notReady, exporter::scraped);
      exporter.start();
      HttpClient http = HttpClient.newHttpClient();
      URI metrics = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
      CustomObjectsApi custom = new CustomObjectsApi(api.client());
      Map<String, Object> template =
          LocalKubeApiServer.manifest(Path.of("examples/kpack/build-succeeded.yaml"));
      Random random = new Random(1);
      Map<String, String> live = new LinkedHashMap<>();
      List<String> names = new ArrayList<>();
      long ops = 0;
      long failures = 0;
      int reloads = 0;
      List<Double> scrapeMillis = new ArrayList<>();
      System.out.printf(Locale.ROOT, "start: %s%n", usage());
      long start = System.nanoTime();
      long nextScrape = start;
      long nextReport = start + Duration.ofMinutes(5).toNanos();
      long nextReload = start + Duration.ofMinutes(5).toNanos();
      long counter = 0;
      while (System.nanoTime() - start < length.toNanos()) {
        long due = start + ops * 1_000_000_000L / rate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        try {
          int choice = random.nextInt(10);
          if (live.size() < 10 || (choice < 4 && live.size() < MAX_LIVE)) {
            String name = "soak-" + counter++;
            api.create("builds", build(template, name));
            live.put(name, "True");
            names.add(name);
          } else if (choice < 8) {
            String name = names.get(random.nextInt(names.size()));
            String status = random.nextBoolean() ? "True" : "False";
            setStatus(api, custom, name, status);
            live.put(name, status);
          } else {
            String name = names.remove(random.nextInt(names.size()));
            custom
                .deleteNamespacedCustomObject("kpack.io", "v1alpha2", "default", "builds", name)
                .execute();
            live.remove(name);
          }
        } catch (Exception e) {
          failures++;
        }
        ops++;
        long now = System.nanoTime();
        if (now > nextScrape) {
          long s = System.nanoTime();
          http.send(
              HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.discarding());
          scrapeMillis.add((System.nanoTime() - s) / 1e6);
          nextScrape = now + Duration.ofSeconds(15).toNanos();
        }
        if (now > nextReload) {
          reloads++;
          // every other reload adds a metric, the next takes it away
          String changed =
              reloads % 2 == 1
                  ? kpack.replace(
                      "      - name: objects\n",
                      "      - {name: soak_extra, help: Extra., type: info}\n      - name: objects\n")
                  : kpack;
          Files.writeString(mappings.resolve("kpack.yaml"), changed);
          nextReload = now + Duration.ofMinutes(5).toNanos();
        }
        if (now > nextReport) {
          System.out.printf(
              Locale.ROOT,
              "%.0f min: ops=%d failures=%d live=%d reloads=%d %s%n",
              (now - start) / 6e10,
              ops,
              failures,
              live.size(),
              reloads,
              usage());
          nextReport = now + Duration.ofMinutes(5).toNanos();
        }
      }
      // the end: what the exporter serves must become what the API server holds
      Set<String> expected = new TreeSet<>(live.keySet());
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      Set<String> served;
      do {
        Thread.sleep(500);
        String text =
            http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        served = new TreeSet<>();
        Matcher matcher = BUILD.matcher(text);
        while (matcher.find()) {
          served.add(matcher.group(1));
        }
      } while (!served.equals(expected) && System.nanoTime() < deadline);
      scrapeMillis.sort(null);
      System.out.printf(
          Locale.ROOT,
          "end: ops=%d (%.1f/s) failures=%d reloads=%d live=%d served=%d equal=%s"
              + " scrape_ms p50=%.1f p99=%.1f %s%n",
          ops,
          ops / ((System.nanoTime() - start) / 1e9),
          failures,
          reloads,
          expected.size(),
          served.size(),
          served.equals(expected),
          scrapeMillis.isEmpty() ? 0 : scrapeMillis.get(scrapeMillis.size() / 2),
          scrapeMillis.isEmpty() ? 0 : scrapeMillis.get(scrapeMillis.size() * 99 / 100),
          usage());
      server.close();
      exporter.close();
      System.exit(served.equals(expected) ? 0 : 1);
    }
  }

  private static Map<String, Object> build(Map<String, Object> template, String name) {
    Map<String, Object> object = new HashMap<>(template);
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = new HashMap<>((Map<String, Object>) template.get("metadata"));
    metadata.put("name", name);
    metadata.put("namespace", "default");
    object.put("metadata", metadata);
    return object;
  }

  private static void setStatus(
      LocalKubeApiServer api, CustomObjectsApi custom, String name, String status)
      throws Exception {
    String patch =
        "{\"status\":{\"conditions\":[{\"type\":\"Succeeded\",\"status\":\"" + status + "\"}]}}";
    PatchUtils.patch(
        Object.class,
        () ->
            custom
                .patchNamespacedCustomObjectStatus(
                    "kpack.io", "v1alpha2", "default", "builds", name, new V1Patch(patch))
                .buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
        api.client());
  }

  /** Heap after a full collection, and threads, of this JVM (the exporter runs in it). */
  private static String usage() {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    return String.format(Locale.ROOT, "heap_mib=%.1f threads=%d", heap / 1048576.0, threads);
  }
}

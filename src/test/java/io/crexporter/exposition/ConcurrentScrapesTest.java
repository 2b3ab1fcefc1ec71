package io.crexporter.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.TestConfigs;
import io.crexporter.ingest.ObjectIngestor;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.RenderedStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Scrapes while objects change: no scrape shows a series twice, and once the changes stop, a gzip
 * scrape (made partly of members kept from scrapes during the changes) shows exactly what a plain
 * one does. A member kept for a block must never hold lines older than the block's.
 */
class ConcurrentScrapesTest {

  private static final String MAPPING =
      """
      resources:
        - group: example.com
          version: v1
          kind: Widget
          labels: {namespace: $.metadata.namespace, name: $.metadata.name}
          metrics:
            - {name: widget_info, type: info, labels: {phase: $.status.phase}}
            - {name: widget_size, type: gauge, value: $.spec.size}
            - {name: widget_extra, type: gauge, value: $.spec.extra}
      """;

  private final CompiledConfig config = TestConfigs.compile(MAPPING);
  private final RenderedStore store = new RenderedStore();
  private final ObjectIngestor ingestor = new ObjectIngestor(() -> config, store, e -> {});
  private final Exposition exposition =
      new Exposition(store, () -> config, new PrometheusRegistry());

  private void put(int i, Random random) {
    Map<String, Object> spec = new java.util.HashMap<>(Map.of("size", random.nextInt(5)));
    if (random.nextBoolean()) {
      // a metric an object has only some of the time: blocks gain and lose members
      spec.put("extra", 1);
    }
    Map<String, Object> object =
        Map.of(
            "apiVersion",
            "example.com/v1",
            "kind",
            "Widget",
            "metadata",
            Map.of("uid", "u" + i, "namespace", "ns", "name", "w" + i),
            "spec",
            spec,
            "status",
            Map.of("phase", random.nextBoolean() ? "Ready" : "Failed"));
    ingestor.upsert(ObjectKey.of(object).orElseThrow(), object);
  }

  @Test
  void scrapesDuringChangesAreConsistentAndKeptMembersAreNeverStale() throws Exception {
    Random setup = new Random(1);
    for (int i = 0; i < 1500; i++) {
      put(i, setup);
    }
    AtomicBoolean running = new AtomicBoolean(true);
    Thread writer =
        new Thread(
            () -> {
              Random random = new Random(2);
              while (running.get()) {
                int i = random.nextInt(1500);
                if (random.nextInt(10) == 0) {
                  ingestor.delete(new ObjectKey("u" + i));
                } else {
                  put(i, random);
                }
              }
            });
    writer.start();
    try {
      long end = System.nanoTime() + 2_000_000_000L;
      int scrapes = 0;
      while (System.nanoTime() < end) {
        assertNoDuplicates(gzipped());
        assertNoDuplicates(plain());
        scrapes++;
      }
      assertTrue(scrapes > 5, "scrapes: " + scrapes);
    } finally {
      running.set(false);
      writer.join();
    }
    assertEquals(sorted(plain()), sorted(gzipped()));
  }

  private String plain() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exposition.write(out, ExpositionFormat.TEXT);
    return out.toString(StandardCharsets.UTF_8);
  }

  private String gzipped() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exposition.writeGzip(out, ExpositionFormat.TEXT);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void assertNoDuplicates(String text) {
    Set<String> identities = new HashSet<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        assertTrue(
            identities.add(line.substring(0, line.lastIndexOf(' '))), "twice in a scrape: " + line);
      }
    }
  }

  private static List<String> sorted(String text) {
    return text.lines().filter(line -> !line.startsWith("#")).sorted().toList();
  }
}

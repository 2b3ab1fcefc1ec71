package io.crexporter.bench;

import io.crexporter.config.ConfigLoader;
import io.crexporter.ingest.ObjectIngestor;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.RenderedStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mapping throughput on one thread: the kpack and Flux examples, generated anew with distinct
 * names, mapped into a fresh store (evaluation, rendering and storing), in rounds; prints the
 * median rate. Usage: {@code MappingProbe [OBJECTS [ROUNDS]]}.
 */
public final class MappingProbe {

  /** Objects a page, as the Kubernetes source lists them. */
  private static final int PAGE = 500;

  private MappingProbe() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    System.out.printf(Locale.ROOT, "%.0f objects/s%n", objectsPerSecond(count, rounds));
  }

  /** The median rate of {@code rounds} rounds of {@code count} objects, after one warm-up round. */
  static double objectsPerSecond(int count, int rounds) throws Exception {
    CompiledConfig config =
        ConfigLoader.load(List.of(Path.of("config/kpack.yaml"), Path.of("config/flux.yaml")));
    ExampleObjects examples =
        ExampleObjects.load(List.of(Path.of("examples/kpack"), Path.of("examples/flux")));
    double[] rates = new double[rounds];
    for (int round = -1; round < rounds; round++) {
      ObjectIngestor ingestor = new ObjectIngestor(() -> config, new RenderedStore(), e -> {});
      long nanos = 0;
      for (int first = 0; first < count; first += PAGE) {
        List<Map<String, Object>> page = examples.generate(first, Math.min(PAGE, count - first));
        long start = System.nanoTime();
        for (Map<String, Object> object : page) {
          ingestor.upsert(ObjectKey.of(object).orElseThrow(), object);
        }
        nanos += System.nanoTime() - start;
      }
      double rate = count / (nanos / 1e9);
      if (round >= 0) {
        rates[round] = rate;
      }
    }
    Arrays.sort(rates);
    return rates[rounds / 2];
  }
}

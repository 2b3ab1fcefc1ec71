package io.crexporter.kube;

import com.google.gson.Gson;
import com.google.gson.stream.JsonReader;
import io.crexporter.bench.BenchObjects;
import io.crexporter.config.ConfigLoader;
import io.crexporter.ingest.ObjectIngestor;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.RenderedStore;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a shard pays to read its objects, against one replica reading them all: a list of kpack and
 * Flux objects, as the API server sends it, decoded and mapped into a store, by one replica and by
 * each of three shards (which pass over the others' objects after their metadata). Also the floor:
 * passing over every object. Each the median of several rounds, in one run. Run with {@code
 * bench/shard-cost.sh [OBJECTS]}; not a test.
 */
public final class ShardCostBenchmark {

  private static final int TOTAL = 3;
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

  private final CompiledConfig config;
  private final byte[] list;
  private final int objects;

  private ShardCostBenchmark(CompiledConfig config, byte[] list, int objects) {
    this.config = config;
    this.list = list;
    this.objects = objects;
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    CompiledConfig config =
        ConfigLoader.load(List.of(Path.of("config/kpack.yaml"), Path.of("config/flux.yaml")));
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("apiVersion", "v1");
    page.put("kind", "List");
    page.put("metadata", Map.of("resourceVersion", "1"));
    page.put("items", BenchObjects.generate(count));
    byte[] list = new Gson().toJson(page).getBytes(StandardCharsets.UTF_8);
    new ShardCostBenchmark(config, list, count).run();
  }

  private void run() throws Exception {
    List<String> names = new ArrayList<>(List.of("one replica, every object"));
    List<ObjectFilter> filters = new ArrayList<>(List.of(ObjectFilter.ALL));
    for (int ordinal = 0; ordinal < TOTAL; ordinal++) {
      Shard shard = new Shard(ordinal, TOTAL);
      names.add(shard.toString());
      filters.add(metadata -> metadata.get("uid") instanceof String uid && shard.owns(uid));
    }
    names.add("no object kept (metadata only)");
    filters.add(metadata -> false);
    for (ObjectFilter filter : filters) {
      read(filter); // warm-up
    }
    long[][] nanos = new long[filters.size()][ROUNDS];
    int[] kept = new int[filters.size()];
    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < filters.size(); i++) {
        long start = System.nanoTime();
        kept[i] = read(filters.get(i));
        nanos[i][round] = System.nanoTime() - start;
      }
    }
    double single = median(nanos[0]);
    System.out.printf(
        Locale.ROOT,
        "%n== decode and map %d objects (%.1f MiB of JSON), median of %d rounds:"
            + " bench/shard-cost.sh %d%n",
        objects,
        list.length / 1048576.0,
        ROUNDS,
        objects);
    System.out.printf(
        Locale.ROOT, "%-34s %9s %9s %10s %9s%n", "reader", "objects", "ms", "objects/s", "ratio");
    for (int i = 0; i < filters.size(); i++) {
      double ms = median(nanos[i]) / 1e6;
      System.out.printf(
          Locale.ROOT,
          "%-34s %9d %9.1f %10.0f %8.2fx%n",
          names.get(i),
          kept[i],
          ms,
          objects / (ms / 1000),
          median(nanos[i]) / single);
    }
  }

  /** Decodes the list and maps what the filter keeps into a new store; the objects kept. */
  private int read(ObjectFilter filter) throws Exception {
    ObjectIngestor ingestor = new ObjectIngestor(() -> config, new RenderedStore(), error -> {});
    ObjectStreamReader reader = new ObjectStreamReader();
    int kept = 0;
    try (JsonReader json =
        new JsonReader(
            new InputStreamReader(new ByteArrayInputStream(list), StandardCharsets.UTF_8))) {
      json.beginObject();
      while (json.hasNext()) {
        if (!json.nextName().equals("items")) {
          json.skipValue();
          continue;
        }
        json.beginArray();
        while (json.hasNext()) {
          ObjectStreamReader.Decoded item = reader.read(json, filter);
          if (item.whole()) {
            Map<String, Object> object = item.object();
            ObjectKey.of(object).ifPresent(key -> ingestor.upsert(key, object));
            kept++;
          }
        }
        json.endArray();
      }
    }
    return kept;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }
}

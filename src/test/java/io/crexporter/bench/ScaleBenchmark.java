package io.crexporter.bench;

import io.crexporter.config.ConfigLoader;
import io.crexporter.http.MetricsServer;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.store.Block;
import io.crexporter.store.FamilyColumn;
import io.crexporter.store.ObjectKey;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Every figure of the exporter at scale, at one number of objects (default 100,000 kpack and Flux
 * objects, about 17 series each), each compared, in the same run, with what it must be measured
 * against: mapping rate, heap per object against the bytes it renders to, a text scrape against the
 * same bytes sent from one buffer over the same HTTP server, gzip against compressing the same
 * bytes once, a scrape right after a change against one while 100 objects a second change, how soon
 * a change is visible, and the heap 20 concurrent scrapers add. Run with {@code bench/run.sh
 * [OBJECTS]}; not a test.
 */
public final class ScaleBenchmark {

  private static final int ROUNDS = Integer.getInteger("bench.rounds", 7);
  private static final int UPDATES_PER_SECOND = 100;
  private static final int PAGE = 500;

  private final int count;
  private final CompiledConfig config;
  private final ExampleObjects examples;
  private final Figures figures = new Figures();

  private ScaleBenchmark(int count) throws Exception {
    this.count = count;
    this.config =
        ConfigLoader.load(List.of(Path.of("config/kpack.yaml"), Path.of("config/flux.yaml")));
    this.examples =
        ExampleObjects.load(List.of(Path.of("examples/kpack"), Path.of("examples/flux")));
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    System.out.println(machine());
    new ScaleBenchmark(count).run();
  }

  private void run() throws Exception {
    double rate = MappingProbe.objectsPerSecond(count, 3);
    figures.add(
        "mapping, one thread (pages of 500)",
        String.format(Locale.ROOT, "%.0f objects/s", rate),
        "",
        Double.NaN,
        ">= 50000 objects/s",
        rate >= 50_000);

    objectSizeDoesNotMatter();

    MappedPipeline pipeline = MappedPipeline.create(config);
    long baseline = HeapProbe.usedAfterGc();
    ingest(pipeline, 0);
    long store = HeapProbe.usedAfterGc() - baseline;
    long rendered = renderedBytes(pipeline);
    figures.add(
        "heap per object",
        String.format(Locale.ROOT, "%.0f B", store / (double) count),
        String.format(Locale.ROOT, "rendered %.0f B", rendered / (double) count),
        store / (double) rendered,
        "<= 1.5x its rendered bytes",
        store <= 1.5 * rendered);

    try (MetricsServer server = serve(pipeline);
        MetricsServer reference = serveBytes(new ScrapeProbe(server.port()))) {
      scrapes(new ScrapeProbe(server.port()), new ScrapeProbe(reference.port()), pipeline);
    }
    figures.print(
        String.format(
            Locale.ROOT,
            "== %d objects, %d stored series: bench/run.sh %d",
            count,
            pipeline.storedSeries(),
            count));
  }

  private void scrapes(ScrapeProbe fast, ScrapeProbe prepared, MappedPipeline pipeline)
      throws Exception {
    byte[] body = fast.scrape(ScrapeProbe.Format.TEXT);
    long coldGzip = time(() -> fast.scrape(ScrapeProbe.Format.TEXT_GZIP));
    for (int i = 0; i < 3; i++) {
      // unmeasured: both paths warmed up, the JIT done with them
      fast.scrape(ScrapeProbe.Format.TEXT);
      prepared.scrape(ScrapeProbe.Format.TEXT);
    }
    long[] text = new long[ROUNDS];
    long[] reference = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      text[i] = time(() -> fast.scrape(ScrapeProbe.Format.TEXT));
      reference[i] = time(() -> prepared.scrape(ScrapeProbe.Format.TEXT));
    }
    ratio("text scrape", median(text), "same bytes from one buffer", median(reference), 2.0);
    long gzipOnce = median(repeat(() -> gzip(body)));
    long gzip = median(repeat(() -> fast.scrape(ScrapeProbe.Format.TEXT_GZIP)));
    ratio("gzip scrape, nothing changed", gzip, "gzipping the bytes once", gzipOnce, 1.0);
    ratio("gzip scrape, everything changed", coldGzip, "gzipping the bytes once", gzipOnce, 1.3);

    List<Map<String, Object>> objects = examples.generate(0, count);
    try (UpdateLoad load = new UpdateLoad(objects, pipeline.ingestor(), UPDATES_PER_SECOND)) {
      long busy = median(repeat(() -> fast.scrape(ScrapeProbe.Format.TEXT)));
      long[] afterChange = new long[ROUNDS];
      for (int i = 0; i < ROUNDS; i++) {
        Map<String, Object> object = objects.get(i * 997 % count);
        synchronized (object) {
          ((Map<String, Object>) object.get("status")).put("observedGeneration", 9_000L + i);
          pipeline.ingestor().upsert(ObjectKey.of(object).orElseThrow(), object);
        }
        afterChange[i] = time(() -> fast.scrape(ScrapeProbe.Format.TEXT));
      }
      ratio(
          "text scrape right after a change",
          median(afterChange),
          "100 changes/s going on",
          busy,
          1.2);
      long busyGzip = median(repeat(() -> fast.scrape(ScrapeProbe.Format.TEXT_GZIP)));
      ratio("gzip scrape, 100 changes/s", busyGzip, "gzipping the bytes once", gzipOnce, 1.3);
      load.done().clear();
      long[] delays = new VisibilityProbe(fast.port()).delays(load, 30);
      long p99 = VisibilityProbe.quantile(delays, 0.99);
      figures.add(
          "change to visible, 100 changes/s",
          String.format(Locale.ROOT, "p99 %d ms", p99),
          String.format(
              Locale.ROOT,
              "p50 %d ms, max %d ms, %d changes",
              VisibilityProbe.quantile(delays, 0.5),
              VisibilityProbe.quantile(delays, 1.0),
              delays.length),
          Double.NaN,
          "p99 <= 1 s",
          delays.length > 0 && p99 <= 1000);
    }
    long idle = HeapProbe.usedAfterGc();
    ConcurrentScrapes.Result concurrent = ConcurrentScrapes.run(fast.port(), 20, body.length);
    long added = concurrent.peakLiveBytes() - idle;
    figures.add(
        "20 concurrent scrapes: heap added",
        Figures.mebibytes(added),
        concurrent.answered() + " of 20 answered in " + Figures.millis(concurrent.nanos()),
        Double.NaN,
        "< 64 MiB, all answered",
        added < 64L << 20 && concurrent.answered() == 20);
  }

  /** Heap per object does not follow the size of the object: the same objects, padded. */
  private void objectSizeDoesNotMatter() throws Exception {
    int small = Math.max(1000, count / 10);
    long plain = storeBytes(small, 0);
    long padded = storeBytes(small, 16 * 1024);
    figures.add(
        "heap per object, objects padded by 16 KB",
        String.format(Locale.ROOT, "%.0f B", padded / (double) small),
        String.format(Locale.ROOT, "unpadded %.0f B", plain / (double) small),
        padded / (double) plain,
        "independent of object size",
        padded <= plain * 1.05);
  }

  private long storeBytes(int objects, int padBytes) throws Exception {
    MappedPipeline pipeline = MappedPipeline.create(config);
    long baseline = HeapProbe.usedAfterGc();
    String padding = "p".repeat(padBytes);
    for (int first = 0; first < objects; first += PAGE) {
      for (Map<String, Object> object : examples.generate(first, Math.min(PAGE, objects - first))) {
        if (padBytes > 0) {
          ((Map<String, Object>) object.get("spec")).put("padding", new String(padding));
        }
        pipeline.ingestor().upsert(ObjectKey.of(object).orElseThrow(), object);
      }
    }
    long after = HeapProbe.usedAfterGc();
    System.out.printf(
        Locale.ROOT,
        "heap of %d objects padded by %d bytes: %d before, %d after, %d objects stored%n",
        objects,
        padBytes,
        baseline,
        after,
        pipeline.store().objects());
    return after - baseline;
  }

  private void ingest(MappedPipeline pipeline, int first) {
    for (int at = first; at < first + count; at += PAGE) {
      for (Map<String, Object> object : examples.generate(at, Math.min(PAGE, first + count - at))) {
        pipeline.ingestor().upsert(ObjectKey.of(object).orElseThrow(), object);
      }
    }
  }

  /** The bytes of every stored line. */
  private static long renderedBytes(MappedPipeline pipeline) throws Exception {
    long[] bytes = {0};
    for (FamilyColumn column : pipeline.store().columns()) {
      for (Block.Snapshot block : column.snapshot()) {
        block.write((lines, from, length) -> bytes[0] += length);
      }
    }
    return bytes[0];
  }

  private void ratio(String name, long measured, String against, long reference, double limit) {
    double ratio = measured / (double) reference;
    figures.add(
        name,
        Figures.millis(measured),
        against + " " + Figures.millis(reference),
        ratio,
        String.format(Locale.ROOT, "<= %.1fx", limit),
        ratio <= limit);
  }

  private static MetricsServer serve(MappedPipeline pipeline) throws Exception {
    return MetricsServer.start(
        "127.0.0.1", 0, pipeline.exposition(), List::of, pipeline.self()::scraped);
  }

  private static MetricsServer serveBytes(ScrapeProbe fast) throws Exception {
    byte[] body = fast.scrape(ScrapeProbe.Format.TEXT);
    return MetricsServer.start("127.0.0.1", 0, new PreparedBytes(body), List::of, s -> {});
  }

  private static void gzip(byte[] body) throws Exception {
    try (GZIPOutputStream gzip = new GZIPOutputStream(OutputStream.nullOutputStream(), 8192)) {
      gzip.write(body);
    }
  }

  private interface Timed {
    void run() throws Exception;
  }

  private static long time(Timed action) throws Exception {
    long start = System.nanoTime();
    action.run();
    return System.nanoTime() - start;
  }

  private static long[] repeat(Timed action) throws Exception {
    long[] nanos = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      nanos[i] = time(action);
    }
    return nanos;
  }

  private static long median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String machine() {
    Runtime runtime = Runtime.getRuntime();
    return String.format(
        Locale.ROOT,
        "JVM %s %s; %d CPUs; max heap %d MiB; args %s",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        runtime.availableProcessors(),
        runtime.maxMemory() / 1048576,
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
  }
}

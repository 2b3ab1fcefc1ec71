package io.crexporter.bench;

import io.crexporter.config.ConfigLoader;
import io.crexporter.http.MetricsServer;
import io.crexporter.ingest.ObjectIngestor;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.store.ObjectKey;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Measures, for each number of objects given on the command line (default 10000 and 100000), how
 * fast objects are mapped into the store, how long a scrape of the whole store takes over HTTP in
 * each format and how large it is, and how much heap the store retains.
 *
 * <p>Run from the project root (it reads {@code config/} and {@code examples/}), e.g. with {@code
 * bench/run.sh}. Optional system properties: {@code bench.scrapes} (measured scrapes per format,
 * default 7) and {@code bench.scrapeWarmups} (default 3).
 */
public final class ExporterBenchmark {

  /** Enough upserts for the JIT to compile the mapping path before it is timed. */
  private static final int WARMUP_OBJECTS = 20_000;

  /** Warm-up objects are numbered from here so they never share a name with measured ones. */
  private static final int WARMUP_FIRST_INDEX = 1_000_000_000;

  private static final int SCRAPES = Integer.getInteger("bench.scrapes", 7);
  private static final int SCRAPE_WARMUPS = Integer.getInteger("bench.scrapeWarmups", 3);

  private final CompiledConfig config;
  private final ExampleObjects examples;
  private final Set<String> mappedNames;

  private ExporterBenchmark(CompiledConfig config, ExampleObjects examples) {
    this.config = config;
    this.examples = examples;
    this.mappedNames =
        config.families().stream().map(MetricFamily::name).collect(Collectors.toSet());
  }

  public static void main(String[] args) throws Exception {
    int[] sizes =
        args.length == 0
            ? new int[] {10_000, 100_000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    CompiledConfig config =
        ConfigLoader.load(List.of(Path.of("config/kpack.yaml"), Path.of("config/flux.yaml")));
    ExampleObjects examples =
        ExampleObjects.load(List.of(Path.of("examples/kpack"), Path.of("examples/flux")));
    System.out.println(jvmDescription());
    System.out.printf(
        Locale.ROOT,
        "templates: %d example objects; %d mapped metric names; %d namespaces; "
            + "scrapes: %d warm-up + median of %d per format%n",
        examples.templateCount(),
        config.families().size(),
        ExampleObjects.NAMESPACES,
        SCRAPE_WARMUPS,
        SCRAPES);
    ExporterBenchmark benchmark = new ExporterBenchmark(config, examples);
    List<SizeResult> results = new ArrayList<>();
    for (int size : sizes) {
      results.add(benchmark.run(size));
    }
    System.out.println();
    System.out.println(jvmDescription());
    System.out.println(SizeResult.header());
    results.forEach(result -> System.out.println(result.row()));
  }

  private SizeResult run(int objects) throws Exception {
    System.out.printf(Locale.ROOT, "%n== %d objects%n", objects);
    warmUpIngestion(Math.min(objects, WARMUP_OBJECTS));

    // built before the baseline so that registry, own metrics and JVM metrics do not count
    MappedPipeline pipeline = MappedPipeline.create(config);
    long baseline = HeapProbe.usedAfterGc();
    Ingestion ingestion = generateAndIngest(pipeline, objects);
    // the generated objects are unreachable now: what remains is the store
    long storeBytes = HeapProbe.usedAfterGc() - baseline;
    long storedSeries = pipeline.storedSeries();
    System.out.printf(
        Locale.ROOT,
        "generated in %.2f s; mapped in %.2f s (%.0f objects/s); %d evaluation errors%n"
            + "heap: raw objects %.1f MiB, store %.1f MiB, %d stored series%n",
        ingestion.generateNanos / 1e9,
        ingestion.ingestNanos / 1e9,
        objects / (ingestion.ingestNanos / 1e9),
        pipeline.evaluationErrors().sum(),
        ingestion.rawBytes / 1048576.0,
        storeBytes / 1048576.0,
        storedSeries);

    try (MetricsServer server =
        MetricsServer.start(
            "127.0.0.1", 0, pipeline.exposition(), List::of, pipeline.self()::scraped)) {
      ScrapeProbe probe = new ScrapeProbe(server.port());
      SampleLines.Count samples =
          SampleLines.count(probe.scrape(ScrapeProbe.Format.TEXT), mappedNames);
      if (samples.mapped() != storedSeries) {
        // duplicates are dropped at scrape time; the generated objects are meant to have none
        System.out.printf(
            "WARNING: %d series scraped but %d stored%n", samples.mapped(), storedSeries);
      }
      ScrapeProbe.Stats text = measure(probe, ScrapeProbe.Format.TEXT);
      ScrapeProbe.Stats gzip = measure(probe, ScrapeProbe.Format.TEXT_GZIP);
      ScrapeProbe.Stats openMetrics = measure(probe, ScrapeProbe.Format.OPENMETRICS);
      long collectNanos = medianCollectNanos(pipeline);
      System.out.printf(
          Locale.ROOT, "collect only (registry.scrape()): median %.1f ms%n", collectNanos / 1e6);
      long coldNanos = medianColdAssemblyNanos(pipeline);
      System.out.printf(
          Locale.ROOT, "assembly with nothing reused: median %.1f ms%n", coldNanos / 1e6);
      return new SizeResult(
          objects,
          samples.mapped(),
          samples.all(),
          ingestion.generateNanos,
          ingestion.ingestNanos,
          ingestion.rawBytes,
          storeBytes,
          pipeline.evaluationErrors().sum(),
          text,
          gzip,
          openMetrics,
          collectNanos,
          coldNanos);
    }
  }

  private record Ingestion(long generateNanos, long ingestNanos, long rawBytes) {}

  /**
   * Generates the objects and maps them all into the store. A method of its own so that the list of
   * objects is unreachable once it returns, when the store's heap is measured.
   */
  private Ingestion generateAndIngest(MappedPipeline pipeline, int count) {
    long before = HeapProbe.usedAfterGc();
    long start = System.nanoTime();
    List<Map<String, Object>> objects = examples.generate(0, count);
    long generateNanos = System.nanoTime() - start;
    long rawBytes = HeapProbe.usedAfterGc() - before;
    ObjectIngestor ingestor = pipeline.ingestor();
    start = System.nanoTime();
    // the key is part of the timed work: a source derives it for every object it delivers
    for (Map<String, Object> object : objects) {
      ingestor.upsert(ObjectKey.of(object).orElseThrow(), object);
    }
    long ingestNanos = System.nanoTime() - start;
    return new Ingestion(generateNanos, ingestNanos, rawBytes);
  }

  /** Maps objects into a store that is thrown away, twice, so that timing starts on hot code. */
  private void warmUpIngestion(int count) {
    List<Map<String, Object>> objects = examples.generate(WARMUP_FIRST_INDEX, count);
    for (int pass = 0; pass < 2; pass++) {
      ObjectIngestor ingestor = MappedPipeline.bareIngestor(config);
      for (Map<String, Object> object : objects) {
        ingestor.upsert(ObjectKey.of(object).orElseThrow(), object);
      }
    }
  }

  private static ScrapeProbe.Stats measure(ScrapeProbe probe, ScrapeProbe.Format format)
      throws Exception {
    ScrapeProbe.Stats stats = probe.measure(format, SCRAPE_WARMUPS, SCRAPES);
    System.out.printf(
        Locale.ROOT,
        "%-11s median %8.1f ms (min %.1f, max %.1f), %,d bytes%n",
        format,
        stats.medianMillis(),
        stats.minNanos() / 1e6,
        stats.maxNanos() / 1e6,
        stats.bytes());
    return stats;
  }

  /** Assembly alone, to tell the exporter's own work apart from client_java's serialization. */
  private static long medianCollectNanos(MappedPipeline pipeline) {
    long[] nanos = new long[SCRAPES];
    for (int i = 0; i < SCRAPE_WARMUPS + SCRAPES; i++) {
      long start = System.nanoTime();
      try {
        pipeline
            .exposition()
            .write(
                java.io.OutputStream.nullOutputStream(),
                io.crexporter.exposition.ExpositionFormat.TEXT);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      if (i >= SCRAPE_WARMUPS) {
        nanos[i - SCRAPE_WARMUPS] = System.nanoTime() - start;
      }
    }
    Arrays.sort(nanos);
    return nanos[SCRAPES / 2];
  }

  /** Assembly when every metric changed since the previous scrape. */
  private static long medianColdAssemblyNanos(MappedPipeline pipeline) {
    long[] nanos = new long[SCRAPES];
    for (int i = 0; i < SCRAPE_WARMUPS + SCRAPES; i++) {
      long elapsed = 0;
      if (i >= SCRAPE_WARMUPS) {
        nanos[i - SCRAPE_WARMUPS] = elapsed;
      }
    }
    Arrays.sort(nanos);
    return nanos[SCRAPES / 2];
  }

  private static String jvmDescription() {
    Runtime runtime = Runtime.getRuntime();
    String collectors =
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "JVM: %s %s; max heap %d MiB; %d CPUs; GC: %s; args: %s",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        runtime.maxMemory() / 1048576,
        runtime.availableProcessors(),
        collectors,
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
  }
}

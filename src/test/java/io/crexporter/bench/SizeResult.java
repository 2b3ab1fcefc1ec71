package io.crexporter.bench;

import java.util.Locale;

/**
 * Everything measured for one number of objects, and its line in the summary table.
 *
 * @param objects objects ingested
 * @param series mapped series in one scrape (the exporter's own and JVM metrics excluded)
 * @param samples every sample line in one text scrape
 * @param generateNanos time to build the objects (not part of the exporter; for context)
 * @param ingestNanos time for {@code ObjectIngestor.upsert} over all objects
 * @param rawBytes heap the generated objects occupied while referenced (what an informer cache
 *     would hold besides the store)
 * @param storeBytes heap retained by the store after the objects were dropped
 * @param collectNanos median time of {@code PrometheusRegistry.scrape()} alone, without
 *     serialization or HTTP; unchanged metrics reuse what the previous scrape assembled
 * @param coldNanos median time to assemble the mapped series with nothing reused, as when every
 *     metric changed since the previous scrape
 */
record SizeResult(
    int objects,
    long series,
    long samples,
    long generateNanos,
    long ingestNanos,
    long rawBytes,
    long storeBytes,
    long evaluationErrors,
    ScrapeProbe.Stats text,
    ScrapeProbe.Stats gzip,
    ScrapeProbe.Stats openMetrics,
    long collectNanos,
    long coldNanos) {

  static String header() {
    return String.format(
        Locale.ROOT,
        "%8s %8s %9s %9s %9s %9s %9s %9s %9s %10s %8s %8s %8s %8s %9s",
        "objects",
        "series",
        "samples",
        "map_obj/s",
        "text_ms",
        "text_MiB",
        "gzip_ms",
        "gzip_MiB",
        "om_ms",
        "collect_ms",
        "cold_ms",
        "heap_MiB",
        "B/object",
        "B/series",
        "raw_B/obj");
  }

  String row() {
    return String.format(
        Locale.ROOT,
        "%8d %8d %9d %9.0f %9.1f %9.2f %9.1f %9.2f %9.1f %10.1f %8.1f %8.1f %8.0f %8.0f %9.0f",
        objects,
        series,
        samples,
        objectsPerSecond(),
        text.medianMillis(),
        mebibytes(text.bytes()),
        gzip.medianMillis(),
        mebibytes(gzip.bytes()),
        openMetrics.medianMillis(),
        collectNanos / 1e6,
        coldNanos / 1e6,
        mebibytes(storeBytes),
        (double) storeBytes / objects,
        (double) storeBytes / series,
        (double) rawBytes / objects);
  }

  double objectsPerSecond() {
    return objects / (ingestNanos / 1e9);
  }

  private static double mebibytes(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}

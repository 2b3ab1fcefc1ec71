package io.crexporter.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How soon a change is visible over HTTP: scrapes back to back while an {@link UpdateLoad} runs,
 * reads the {@code generation} of every object in each scrape, and for each change takes the start
 * of the first scrape that shows it (or a later generation), 0 when one that started before it
 * shows it. A change is visible to every scrape that starts after it; the delay measured is mostly
 * the wait for such a scrape to begin.
 */
final class VisibilityProbe {

  private final HttpClient client = HttpClient.newHttpClient();
  private final URI uri;

  VisibilityProbe(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  /** One scrape: when it started, and the generation it showed of each object. */
  private record Seen(long startNanos, Map<String, Long> generations) {}

  /**
   * Delays in milliseconds, sorted, of every change made while scraping for {@code seconds}. Two
   * scrapers take turns, half a scrape apart, so that the wait for the next scrape to start is half
   * a scrape's time.
   */
  long[] delays(UpdateLoad load, int seconds) throws Exception {
    List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    Thread second =
        new Thread(
            () -> {
              try {
                scrapeUntil(end, seen);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    long first = System.nanoTime();
    scrape();
    long half = (System.nanoTime() - first) / 2;
    second.start();
    java.util.concurrent.locks.LockSupport.parkNanos(half);
    scrapeUntil(end, seen);
    second.join();
    List<Seen> scrapes = new ArrayList<>(seen);
    scrapes.sort(java.util.Comparator.comparingLong(Seen::startNanos));
    List<Long> delays = new ArrayList<>();
    for (UpdateLoad.Update update : load.done()) {
      for (Seen scrape : scrapes) {
        Long generation = scrape.generations().get(update.name());
        if (generation != null && generation >= update.generation()) {
          delays.add(Math.max(0, scrape.startNanos() - update.atNanos()) / 1_000_000);
          break;
        }
      }
    }
    long[] sorted = delays.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  private void scrapeUntil(long end, List<Seen> seen) throws Exception {
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      seen.add(new Seen(start, scrape()));
    }
  }

  private Map<String, Long> scrape() throws Exception {
    HttpResponse<InputStream> response =
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
    Map<String, Long> generations = new HashMap<>();
    try (InputStream body = response.body()) {
      GenerationLines.read(body, generations);
    }
    return generations;
  }

  /** The value at fraction {@code quantile} of sorted delays. */
  static long quantile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
  }
}

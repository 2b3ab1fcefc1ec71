package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes an exporter's {@code /readyz} every 20 ms, as a kubelet would but more often, until
 * closed, and keeps every answer other than 200.
 */
final class ReadinessProber implements AutoCloseable {

  private static final int MIN_PROBES = 20;

  private final AtomicBoolean probing = new AtomicBoolean(true);
  private final AtomicInteger probes = new AtomicInteger();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final Thread thread;

  ReadinessProber(RunningExporter exporter) {
    thread = new Thread(() -> probe(exporter), "readyz-prober");
    thread.start();
  }

  private void probe(RunningExporter exporter) {
    while (probing.get()) {
      probes.incrementAndGet();
      try {
        // a kubelet's probe gives up after 1 s by default
        int status = exporter.status("/readyz", Duration.ofSeconds(1));
        if (status != 200) {
          failures.add(status + " after " + probes.get() + " probes");
        }
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        failures.add(e + " after " + probes.get() + " probes");
      }
    }
  }

  /**
   * Probes at least {@value #MIN_PROBES} times in all, stops, then fails unless every probe was
   * answered 200.
   */
  void assertAlwaysReady() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (probes.get() < MIN_PROBES && thread.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    close();
    System.out.printf("%d probes of /readyz, %d not 200%n", probes.get(), failures.size());
    assertTrue(probes.get() >= MIN_PROBES, "probed " + probes.get() + " times");
    assertEquals(
        0,
        failures.size(),
        probes.get()
            + " probes, "
            + failures.size()
            + " not answered 200; the first: "
            + failures.subList(0, Math.min(5, failures.size())));
  }

  @Override
  public void close() throws InterruptedException {
    probing.set(false);
    thread.join(5_000);
  }
}

package io.crexporter.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Many scrapers at once: each reads a whole text scrape and throws the bytes away as they come.
 * While they run, the heap still in use after a collection is sampled: what the exporter holds for
 * scrapes in flight.
 */
final class ConcurrentScrapes {

  /**
   * @param answered scrapes answered with 200 and the whole body
   * @param peakLiveBytes the most heap in use after a collection while they ran
   * @param nanos time until the last one finished
   */
  record Result(int answered, long peakLiveBytes, long nanos) {}

  private ConcurrentScrapes() {}

  /** Runs the scrapers as curl processes, so that their buffers are not in this heap. */
  static Result run(int port, int scrapers, long expectedBytes) throws Exception {
    String url = "http://127.0.0.1:" + port + "/metrics";
    long start = System.nanoTime();
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < scrapers; i++) {
      processes.add(
          new ProcessBuilder(
                  "curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", url)
              .redirectErrorStream(true)
              .start());
    }
    long peak = 0;
    while (processes.stream().anyMatch(Process::isAlive)) {
      System.gc();
      peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      Thread.sleep(250);
    }
    int answered = 0;
    for (Process process : processes) {
      String[] result = new String(process.getInputStream().readAllBytes()).trim().split(" ");
      // the exporter's own metrics change between scrapes: the mapped part is most of the body
      if (result.length == 2
          && result[0].equals("200")
          && Long.parseLong(result[1]) >= expectedBytes * 0.99) {
        answered++;
      }
    }
    return new Result(answered, peak, System.nanoTime() - start);
  }
}

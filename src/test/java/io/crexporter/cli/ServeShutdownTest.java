package io.crexporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} in a process of its own, stopped with SIGTERM as Kubernetes stops a pod: it stops
 * its watches first, while the HTTP server still answers, then closes the server, and exits.
 */
class ServeShutdownTest {

  private static final Pattern SERVING = Pattern.compile("serving metrics on http://[^:]+:(\\d+)/");

  @Test
  void sigtermStopsWatchesThenTheHttpServerAndExits() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--demo",
                "--port",
                "0",
                "--address",
                "127.0.0.1")
            .redirectErrorStream(true)
            .start();
    List<String> log = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> readLines(process, log));
    reader.start();
    try {
      int port = awaitPort(log);
      HttpRequest scrape =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      String metrics = "";
      while (!metrics.contains("kpack_build_status{") && System.nanoTime() < deadline) {
        Thread.sleep(50);
        metrics = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
      }
      assertTrue(metrics.contains("kpack_build_status{"), metrics);

      // SIGTERM; Process.destroy() would also close our end of its output, losing its last lines
      process.toHandle().destroy();
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "exits after SIGTERM: " + log);
      reader.join(5000);
      assertEquals(143, process.exitValue(), "the JVM's status after SIGTERM: " + log);
      int signalled = indexOf(log, "stopping: watches first");
      int watchesStopped = indexOf(log, "watches stopped; the HTTP server closes");
      int serverClosed = indexOf(log, "HTTP server closed");
      assertTrue(
          0 <= signalled && signalled < watchesStopped && watchesStopped < serverClosed,
          "watches stop before the HTTP server closes: " + log);
      // the demo files are removed only after the watchers stopped: no "cannot read" warnings
      assertTrue(
          log.stream().noneMatch(line -> line.contains("Exception") || line.contains("[WARN]")),
          "a quiet stop: " + log);
    } finally {
      process.destroyForcibly();
    }
  }

  /** The index of the first line that contains {@code text}, -1 if none does. */
  private static int indexOf(List<String> log, String text) {
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  private static int awaitPort(List<String> log) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (String line : log) {
        Matcher matcher = SERVING.matcher(line);
        if (matcher.find()) {
          return Integer.parseInt(matcher.group(1));
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never served: " + log);
  }

  private static void readLines(Process process, List<String> log) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        log.add(line);
      }
    } catch (java.io.IOException e) {
      // the process ended
    }
  }
}

package io.crexporter.kube;

import static io.crexporter.kube.ScriptedApiServer.build;
import static io.crexporter.kube.ScriptedApiServer.page;
import static io.crexporter.kube.ScriptedApiServer.status;
import static io.crexporter.kube.ScriptedExporter.buildMetric;
import static io.crexporter.kube.ScriptedExporter.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.config.ConfigLoader;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the exporter says it is ready, and that it stays so: readiness waits for each kind's first
 * list, but not for a kind that is refused or keeps failing past the start-up grace, and once given
 * it is not taken back by kinds added later or by trouble later. Scrapes and probes never wait for
 * a change to what is read.
 */
class KubernetesReadinessTest {

  private static final String IMAGES_MAPPING =
      """
      resources:
        - group: kpack.io
          kind: Image
          metricPrefix: kpack_image
          metrics:
            - name: info
              type: info
              labels: {name: $.metadata.name}
      """;

  @TempDir Path dir;
  private ScriptedApiServer server;
  private ScriptedExporter exporter;

  @AfterEach
  void stop() throws Exception {
    if (exporter != null) {
      exporter.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aKindThatKeepsFailingHoldsReadinessBackOnlyForTheGracePeriod() throws Exception {
    server = new ScriptedApiServer(); // every list of Builds fails with 500
    long start = System.nanoTime();
    exporter =
        new ScriptedExporter(
            server, dir, ScriptedExporter.FAST.withStartupGrace(Duration.ofSeconds(5)));
    server.awaitRequests(1, false, 5000);
    assertFalse(exporter.ready(), "a kind that failed once is waited for a while");
    awaitReady(Duration.ofSeconds(15));
    long waited = (System.nanoTime() - start) / 1_000_000;
    assertTrue(waited >= 5000, "ready only after the grace period: " + waited + " ms");
    assertEquals(0, buildMetric(exporter.text(), "resource_up"));
  }

  @Test
  void aKindThatMayNotBeListedDoesNotHoldReadinessBack() throws Exception {
    server = new ScriptedApiServer();
    for (int i = 0; i < 10; i++) {
      server.list(r -> status(403, "Forbidden", "builds.kpack.io is forbidden"));
    }
    long start = System.nanoTime();
    exporter =
        new ScriptedExporter(
            server, dir, ScriptedExporter.FAST.withStartupGrace(Duration.ofMinutes(5)));
    awaitReady(Duration.ofSeconds(10));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
    assertEquals(0, buildMetric(exporter.text(), "resource_up"));
  }

  @Test
  void readinessStaysThroughAReloadThatAddsAKindThatCannotBeListedYet() throws Exception {
    server = new ScriptedApiServer("builds.kpack.io.yaml", "images.kpack.io.yaml");
    server.list(r -> page("10", "", build("b1", "10", "True")));
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.copy(ScriptedExporter.BUILDS, config.resolve("builds.yaml"));
    exporter =
        new ScriptedExporter(
            List.of(config),
            server.kubeconfig(dir),
            ScriptedExporter.FAST.withStartupGrace(Duration.ofMinutes(5)));
    awaitReady(Duration.ofSeconds(10));
    exporter.awaitLine(info("b1"));

    // Images: every list fails, which would hold a starting exporter back for five minutes
    Files.writeString(config.resolve("images.yaml"), IMAGES_MAPPING);
    exporter.exporter().reloadConfig();
    int probes = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < deadline) {
      assertTrue(exporter.ready(), "ready after " + probes + " probes");
      probes++;
      Thread.sleep(10);
    }
    List<ScriptedApiServer.Request> images =
        server.requests().stream().filter(r -> r.path().equals(ScriptedApiServer.IMAGES)).toList();
    assertTrue(images.size() >= 2, "the new kind is being read: " + images);
    assertTrue(
        exporter
            .text()
            .contains(
                "custom_resource_exporter_resource_up{group=\"kpack.io\",kind=\"Image\","
                    + "version=\"v1alpha2\"} 0.0"));
  }

  @Test
  void scrapesAndProbesDoNotWaitForAReaderThatIsSlowToStop() throws Exception {
    server = new ScriptedApiServer();
    server.list(r -> page("10", "", build("stuck", "10", "True")));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ObjectSink slowSink =
        new ObjectSink() {
          @Override
          public void upsert(ObjectKey key, Map<String, Object> object) {
            entered.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void delete(ObjectKey key) {}
        };
    CompiledConfig builds = ConfigLoader.load(List.of(ScriptedExporter.BUILDS));
    Path images = dir.resolve("images.yaml");
    Files.writeString(images, IMAGES_MAPPING);
    // Images: no CRD here, so nothing is read under this configuration
    CompiledConfig nothing = ConfigLoader.load(List.of(images));
    AtomicReference<CompiledConfig> config = new AtomicReference<>(builds);
    KubernetesSource source =
        new KubernetesSource(
            KubeClients.create(server.kubeconfig(dir)),
            ScriptedExporter.FAST,
            Sharding.NONE,
            config::get,
            slowSink,
            new KubeSourceMetrics());
    try {
      source.start();
      assertTrue(entered.await(10, TimeUnit.SECONDS), "the reader is delivering an object");
      // the reader is busy in the sink: stopping it takes until the sink returns
      config.set(nothing);
      source.configChanged(builds, nothing);
      Thread.sleep(200);
      for (int i = 0; i < 20; i++) {
        long start = System.nanoTime();
        source.health();
        source.hasSynced();
        long millis = (System.nanoTime() - start) / 1_000_000;
        // the reader stays blocked for 10 s: waiting for it would take far longer than this
        assertTrue(millis < 1000, "health and readiness answered in " + millis + " ms");
        Thread.sleep(50);
      }
    } finally {
      release.countDown();
      source.close();
    }
  }

  @Test
  void closingStopsEveryWatchAndKeepsWhatWasRead() throws Exception {
    server = new ScriptedApiServer();
    server.list(r -> page("10", "", build("b1", "10", "True")));
    exporter = new ScriptedExporter(server, dir, ScriptedExporter.FAST);
    exporter.awaitLine(info("b1"));
    server.awaitRequests(1, true, 5000);
    exporter.close();
    int requests = server.requests().size();
    String text = exporter.text();
    exporter = null;
    assertTrue(text.contains(info("b1")), "series are served until the HTTP server closes");
    Thread.sleep(1000);
    assertEquals(requests, server.requests().size(), "nothing is read after close");
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!exporter.ready()) {
      assertTrue(System.nanoTime() < deadline, "not ready within " + timeout);
      Thread.sleep(20);
    }
  }
}

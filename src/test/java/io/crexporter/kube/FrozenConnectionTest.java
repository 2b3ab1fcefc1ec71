package io.crexporter.kube;

import static io.crexporter.kube.KubernetesLifecycleTest.build;
import static io.crexporter.kube.KubernetesLifecycleTest.count;
import static io.crexporter.kube.KubernetesLifecycleTest.statusLine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection to the API server that goes silent without being closed (a NAT entry dropped, a node
 * gone): nothing tells the exporter, which must find out by itself, through HTTP/2 pings or the
 * watch idle timeout, and read on through a new connection.
 */
class FrozenConnectionTest {

  /** Ping interval and idle timeout of the defaults, with room for the back-off after them. */
  private static final Duration NOTICED_WITHIN = Duration.ofSeconds(90);

  @RegisterExtension final ApiServerPerTest server = new ApiServerPerTest();
  private LocalKubeApiServer api;

  @BeforeEach
  void useApiServer() {
    api = server.api();
  }

  @Test
  void aFrozenConnectionIsNoticedWithTheDefaultSettings() throws Exception {
    api.installCrd("builds.kpack.io.yaml");
    for (int i = 1; i <= 3; i++) {
      api.create("builds", build("frozen-" + i, "Unknown"));
    }
    try (TcpProxy proxy = new TcpProxy(api.port());
        RunningExporter exporter =
            new RunningExporter(
                Path.of("config/kpack.yaml"), api.kubeconfigThrough(proxy.port()))) {
      // what is proved here is that the shipped defaults notice it, not tuned ones
      assertEquals(KubeSettings.DEFAULTS, exporter.kubeSettings());
      exporter.awaitReady("ready");
      // the watch is open, on the connection about to freeze
      exporter.await(
          "3 builds watched",
          text ->
              count(text, "kpack_build_info{") == 3
                  && KubernetesResilienceTest.counter(text, "watches_total", "Build") >= 1);

      proxy.freeze();
      long frozen = System.nanoTime();
      api.replaceStatus(
          "kpack.io",
          "v1alpha2",
          "builds",
          "default",
          "frozen-1",
          Map.of("conditions", List.of(Map.of("type", "Succeeded", "status", "True"))));
      exporter.await(
          NOTICED_WITHIN,
          "the change made after the freeze",
          text -> text.contains("\n" + statusLine("frozen-1", "True") + "\n"));
      System.out.printf(
          "change seen %.1f s after the connection froze%n", (System.nanoTime() - frozen) / 1e9);
    }
  }
}

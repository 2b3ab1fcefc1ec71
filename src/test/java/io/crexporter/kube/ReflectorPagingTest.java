package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first list is read page by page with continue tokens: with two objects a page, all seven
 * objects arrive, and the watch that follows delivers what changes next.
 */
class ReflectorPagingTest {

  @TempDir Path dir;

  @Test
  void listsEveryPageThenWatches() throws Exception {
    try (LocalKubeApiServer api = LocalKubeApiServer.start(dir.resolve("kube"), Map.of())) {
      api.installCrd("builds.kpack.io.yaml");
      List<Map<String, Object>> builds = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        builds.add(KubernetesLifecycleTest.build("paged-" + i, null));
      }
      api.createAll("builds", builds);

      Set<String> names = ConcurrentHashMap.newKeySet();
      ObjectSink sink =
          new ObjectSink() {
            @Override
            public void upsert(ObjectKey key, Map<String, Object> object) {
              names.add((String) ((Map<?, ?>) object.get("metadata")).get("name"));
            }

            @Override
            public void delete(ObjectKey key) {}
          };
      ResourceTarget builds7 =
          new ResourceTarget("kpack.io", "v1alpha2", "builds", "Build", "", "", "");
      KubeSettings twoPerPage = KubeSettings.DEFAULTS.withPageSize(2);
      Reflector reflector =
          new Reflector(
              builds7,
              new KubeApi(io.kubernetes.client.util.Config.fromConfig(api.kubeconfig().toString())),
              sink,
              ReflectorMonitor.NONE,
              twoPerPage);
      try {
        reflector.start();
        await(() -> reflector.state().synced());
        assertEquals(7, names.size(), names.toString());
        api.create("builds", KubernetesLifecycleTest.build("paged-7", null));
        await(() -> names.contains("paged-7"));
        assertTrue(
            reflector.state().lastError() == null, String.valueOf(reflector.state().lastError()));
      } finally {
        reflector.stop();
        reflector.awaitStopped(java.time.Duration.ofSeconds(10));
      }
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s");
      }
      Thread.sleep(50);
    }
  }
}

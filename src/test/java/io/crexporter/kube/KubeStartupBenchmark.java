package io.crexporter.kube;

import io.crexporter.app.Exporter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up of the exporter against the local API server holding many objects: time from start to
 * ready, and heap retained once ready. Run with {@code bench/kube-startup.sh [OBJECTS [PAD_KB]]};
 * not a test.
 */
public final class KubeStartupBenchmark {

  private KubeStartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int padKilobytes = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    Path dir = Files.createTempDirectory("kube-startup");
    try (LocalKubeApiServer api = LocalKubeApiServer.start(dir.resolve("kube"), Map.of())) {
      api.installCrd("builds.kpack.io.yaml");
      long createStart = System.nanoTime();
      create(api, objects, padKilobytes);
      System.out.printf(
          Locale.ROOT,
          "created %d builds of about %d KB in %.1f s%n",
          objects,
          Math.max(1, padKilobytes),
          (System.nanoTime() - createStart) / 1e9);

      long baseline = usedHeapAfterGc();
      long start = System.nanoTime();
      try (Exporter exporter =
          Exporter.create(
              new Exporter.Options(
                  List.of(Path.of("config/kpack.yaml")),
                  List.of(),
                  false,
                  true,
                  false,
                  true,
                  api.kubeconfig()))) {
        exporter.start();
        while (!exporter.notReady().isEmpty()) {
          Thread.sleep(20);
        }
        double readySeconds = (System.nanoTime() - start) / 1e9;
        long stored = exporter.store().objects();
        long series =
            exporter.store().columns().stream()
                .mapToLong(io.crexporter.store.FamilyColumn::series)
                .sum();
        long heap = usedHeapAfterGc() - baseline;
        System.out.printf(
            Locale.ROOT,
            "objects=%d pad_kb=%d ready_s=%.2f stored=%d series=%d heap_mib=%.1f"
                + " bytes_per_object=%.0f%n",
            objects,
            padKilobytes,
            readySeconds,
            stored,
            series,
            heap / 1048576.0,
            (double) heap / objects);
      }
    }
  }

  private static void create(LocalKubeApiServer api, int objects, int padKilobytes)
      throws Exception {
    String padding = "x".repeat(padKilobytes * 1024);
    Map<String, Object> status =
        LocalKubeApiServer.manifest(Path.of("examples/kpack/build-succeeded.yaml"));
    Object fullStatus = status.get("status");
    List<Map<String, Object>> builds = new ArrayList<>();
    for (int i = 0; i < objects; i++) {
      Map<String, Object> build = new LinkedHashMap<>();
      build.put("apiVersion", "kpack.io/v1alpha2");
      build.put("kind", "Build");
      build.put("metadata", Map.of("name", "build-" + i, "namespace", "default"));
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("tags", List.of("registry.example/app:" + i));
      if (!padding.isEmpty()) {
        spec.put("padding", padding);
      }
      build.put("spec", spec);
      build.put("status", fullStatus);
      builds.add(build);
    }
    api.createAll("builds", builds);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

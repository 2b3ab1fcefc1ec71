package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.crexporter.app.Exporter;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1StatefulSetSpec;
import io.kubernetes.client.util.PatchUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shards against the local API server, 300 objects of three kinds in three namespaces: with one,
 * two and three shards, and with shards that follow their StatefulSet as it is scaled 2 → 3 → 2,
 * the shards' series together are exactly one replica's: every series in one shard, counts summed.
 */
class ShardingOnApiServerTest {

  private static final List<Path> MAPPINGS =
      List.of(Path.of("config/kpack.yaml"), Path.of("config/flux.yaml"));
  private static final List<String> NAMESPACES = List.of("team-a", "team-b", "team-c");
  private static final String EXPORTER_NAMESPACE = "monitoring";
  private static final String STATEFUL_SET = "cre";
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  private static Path dir;
  private static LocalKubeApiServer api;
  private static Exporter single;
  private final List<Exporter> shards = new ArrayList<>();

  @BeforeAll
  static void createObjects() throws Exception {
    dir = Files.createTempDirectory("kube-sharding-");
    api = LocalKubeApiServer.start(dir.resolve("kube"), Map.of());
    for (String crd :
        List.of(
            "builds.kpack.io.yaml",
            "source.toolkit.fluxcd.io_gitrepositories.yaml",
            "kustomize.toolkit.fluxcd.io_kustomizations.yaml")) {
      api.installCrd(crd);
    }
    for (String namespace : NAMESPACES) {
      api.createNamespace(namespace);
    }
    api.createNamespace(EXPORTER_NAMESPACE);
    api.createAll(
        "builds",
        copies(
            100,
            "examples/kpack/build-succeeded.yaml",
            "examples/kpack/build-failed-error.yaml",
            "examples/kpack/build-running.yaml"));
    api.createAll(
        "gitrepositories",
        copies(
            100,
            "examples/flux/gitrepository-ready.yaml",
            "examples/flux/gitrepository-failed-auth.yaml"));
    api.createAll("kustomizations", copies(100, "examples/flux/kustomization-ready.yaml"));
    single = start(Sharding.NONE);
    await("one replica has every object", () -> objects(ScriptedExporter.text(single)) == 300);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (single != null) {
      single.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @AfterEach
  void stopShards() {
    shards.forEach(Exporter::close);
    shards.clear();
  }

  /** {@code count} objects, made from the example files in turn, spread over the namespaces. */
  private static List<Map<String, Object>> copies(int count, String... examples) throws Exception {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> object =
          new LinkedHashMap<>(LocalKubeApiServer.manifest(Path.of(examples[i % examples.length])));
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata =
          new LinkedHashMap<>((Map<String, Object>) object.get("metadata"));
      metadata.put("name", metadata.get("name") + "-" + i);
      metadata.put("namespace", NAMESPACES.get(i % NAMESPACES.size()));
      object.put("metadata", metadata);
      objects.add(object);
    }
    return objects;
  }

  @Test
  void oneTwoAndThreeShardsTogetherAreOneReplica() throws Exception {
    for (int total = 1; total <= 3; total++) {
      for (int ordinal = 0; ordinal < total; ordinal++) {
        shards.add(start(new Sharding.Fixed(new Shard(ordinal, total))));
      }
      awaitUnionIsSingle(total + " shards", total);
      stopShards();
    }
  }

  @Test
  void shardsFollowTheirStatefulSetAsItIsScaled() throws Exception {
    AppsV1Api apps = new AppsV1Api(api.client());
    apps.createNamespacedStatefulSet(EXPORTER_NAMESPACE, statefulSet(2)).execute();
    shards.add(start(Sharding.fromPod(STATEFUL_SET + "-0", EXPORTER_NAMESPACE)));
    shards.add(start(Sharding.fromPod(STATEFUL_SET + "-1", EXPORTER_NAMESPACE)));
    awaitUnionIsSingle("2 pods", 2);

    // a shard restarting leaves the other as it was
    Map<String, Double> first = series(ScriptedExporter.text(shards.get(0)));
    shards.get(1).close();
    shards.set(1, start(Sharding.fromPod(STATEFUL_SET + "-1", EXPORTER_NAMESPACE)));
    assertEquals(first, series(ScriptedExporter.text(shards.get(0))));
    awaitUnionIsSingle("pod 1 restarted", 2);
    assertEquals(first, series(ScriptedExporter.text(shards.get(0))));

    scale(apps, 3);
    shards.add(start(Sharding.fromPod(STATEFUL_SET + "-2", EXPORTER_NAMESPACE)));
    awaitUnionIsSingle("scaled to 3", 3);

    scale(apps, 2);
    // the StatefulSet controller removes the last pod; until then it keeps serving its shard
    await(
        "the last pod sees it is being removed, and keeps its shard",
        () ->
            ScriptedExporter.text(shards.get(2))
                .contains("custom_resource_exporter_total_shards 3.0"));
    shards.remove(2).close();
    awaitUnionIsSingle("scaled back to 2", 2);
  }

  private static V1StatefulSet statefulSet(int replicas) {
    Map<String, String> labels = Map.of("app", STATEFUL_SET);
    return new V1StatefulSet()
        .metadata(new V1ObjectMeta().name(STATEFUL_SET).namespace(EXPORTER_NAMESPACE))
        .spec(
            new V1StatefulSetSpec()
                .replicas(replicas)
                .serviceName(STATEFUL_SET)
                .selector(new V1LabelSelector().matchLabels(labels))
                .template(
                    new V1PodTemplateSpec()
                        .metadata(new V1ObjectMeta().labels(labels))
                        .spec(
                            new V1PodSpec()
                                .containers(
                                    List.of(
                                        new V1Container()
                                            .name("exporter")
                                            .image("custom-resource-exporter"))))));
  }

  private static void scale(AppsV1Api apps, int replicas) throws Exception {
    String patch = "{\"spec\":{\"replicas\":" + replicas + "}}";
    PatchUtils.patch(
        V1StatefulSet.class,
        () ->
            apps.patchNamespacedStatefulSet(STATEFUL_SET, EXPORTER_NAMESPACE, new V1Patch(patch))
                .buildCall(null),
        V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH,
        api.client());
  }

  private static Exporter start(Sharding sharding) throws Exception {
    Exporter exporter =
        Exporter.create(
            new Exporter.Options(
                MAPPINGS,
                List.of(),
                false,
                true,
                false,
                true,
                api.kubeconfig(),
                KubeSettings.DEFAULTS,
                sharding));
    exporter.start();
    return exporter;
  }

  /**
   * Waits until the shards' mapped series together equal the single replica's, then checks how:
   * each series in exactly one shard (counts apart, summed), each shard knowing the total.
   */
  private void awaitUnionIsSingle(String what, int total) throws Exception {
    Map<String, Double> expected = series(ScriptedExporter.text(single));
    long deadline = System.nanoTime() + CONVERGE.toNanos();
    String problem;
    while ((problem = unionProblem(expected, total)) != null) {
      if (System.nanoTime() > deadline) {
        fail(what + ": " + problem);
      }
      Thread.sleep(200);
    }
  }

  /** What keeps the shards from adding up to the single replica, or null. */
  private String unionProblem(Map<String, Double> expected, int total) {
    Map<String, Double> union = new TreeMap<>();
    int objects = 0;
    for (int ordinal = 0; ordinal < shards.size(); ordinal++) {
      String text = ScriptedExporter.text(shards.get(ordinal));
      if (!text.contains("custom_resource_exporter_total_shards " + total + ".0\n")
          || !text.contains("custom_resource_exporter_shard_ordinal " + ordinal + ".0\n")) {
        return "shard " + ordinal + " does not know it is one of " + total;
      }
      objects += objects(text);
      for (Map.Entry<String, Double> line : series(text).entrySet()) {
        Double before = union.put(line.getKey(), line.getValue());
        if (before != null) {
          if (!isCount(line.getKey())) {
            return "in two shards: " + line.getKey();
          }
          union.put(line.getKey(), before + line.getValue());
        }
      }
    }
    if (objects != 300) {
      return objects + " objects stored by the shards, not 300";
    }
    if (!union.equals(expected)) {
      Map<String, Double> missing = new TreeMap<>(expected);
      union.forEach(missing::remove);
      Map<String, Double> extra = new TreeMap<>(union);
      expected.forEach(extra::remove);
      return "union differs; missing " + missing + ", extra " + extra;
    }
    return null;
  }

  private static boolean isCount(String series) {
    return series.startsWith("kpack_build_objects{");
  }

  /** Mapped series (the exporter's own and the JVM's left out), series to value. */
  private static Map<String, Double> series(String text) {
    Map<String, Double> series = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("custom_resource_exporter_")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return series;
  }

  private static int objects(String text) {
    double stored = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("custom_resource_exporter_objects{")) {
        stored += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return (int) stored;
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + CONVERGE.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + CONVERGE + ": " + what);
      }
      Thread.sleep(200);
    }
  }
}

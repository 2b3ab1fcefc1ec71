package io.crexporter.deploy;

import static io.crexporter.deploy.HelmChartTest.map;
import static io.crexporter.deploy.HelmChartTest.maps;
import static io.crexporter.deploy.HelmChartTest.stringMap;
import static io.crexporter.deploy.HelmChartTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart with {@code sharding.enabled}: a StatefulSet of shards, scraped pod by pod. */
class HelmShardingTest {

  private static final String SHARDED =
      """
      sharding: {enabled: true, replicas: 3}
      serviceMonitor: {enabled: true}
      env:
        - {name: JAVA_TOOL_OPTIONS, value: "-XX:MaxRAMPercentage=70"}
      """;

  @TempDir Path tmp;
  private final HelmChartTest chart = new HelmChartTest();

  @BeforeEach
  void useTmp() {
    chart.tmp = tmp;
  }

  @Test
  void aStatefulSetOfShardsReplacesTheDeployment() throws Exception {
    HelmChartTest.Rendered r = chart.render(SHARDED);
    assertTrue(r.all("Deployment").isEmpty());
    Map<String, Object> statefulSet = r.one("StatefulSet");
    Map<String, Object> spec = map(statefulSet, "spec");
    assertEquals(3, spec.get("replicas"));
    assertEquals("Parallel", spec.get("podManagementPolicy"));
    Map<String, Object> service = r.one("Service");
    assertEquals(map(service, "metadata").get("name"), spec.get("serviceName"));
    assertEquals("None", map(service, "spec").get("clusterIP"), "headless: one endpoint a shard");
    assertFalse(map(service, "spec").containsKey("type"));

    List<String> args = strings(r.container().get("args"));
    assertTrue(args.contains("--pod=$(POD_NAME)"), args.toString());
    assertTrue(args.contains("--pod-namespace=$(POD_NAMESPACE)"), args.toString());
    Map<String, Object> env = new TreeMap<>();
    for (Map<String, Object> variable : maps(r.container().get("env"))) {
      env.put((String) variable.get("name"), variable);
    }
    assertEquals(Set.of("POD_NAME", "POD_NAMESPACE", "JAVA_TOOL_OPTIONS"), env.keySet());
    assertEquals("metadata.name", fieldRef(env.get("POD_NAME")));
    assertEquals("metadata.namespace", fieldRef(env.get("POD_NAMESPACE")));
  }

  @SuppressWarnings("unchecked")
  private static Object fieldRef(Object variable) {
    return map(map((Map<String, Object>) variable, "valueFrom"), "fieldRef").get("fieldPath");
  }

  @Test
  void eachShardMayReadItsOwnStatefulSetAndNothingMore() throws Exception {
    HelmChartTest.Rendered sharded = chart.render(SHARDED);
    HelmChartTest.Rendered single = chart.render("serviceMonitor: {enabled: true}\n");
    String name = (String) map(sharded.one("StatefulSet"), "metadata").get("name");
    Map<String, Object> role =
        sharded.all("Role").stream()
            .filter(o -> map(o, "metadata").get("name").equals(name + "-shards"))
            .findFirst()
            .orElseThrow();
    assertEquals(HelmChartTest.NAMESPACE, map(role, "metadata").get("namespace"));
    Map<String, Object> rule = maps(role.get("rules")).get(0);
    assertEquals(List.of("apps"), rule.get("apiGroups"));
    assertEquals(List.of("statefulsets"), rule.get("resources"));
    assertEquals(List.of(name), rule.get("resourceNames"));
    Map<String, Object> binding = sharded.one("RoleBinding");
    assertEquals(name + "-shards", map(binding, "roleRef").get("name"));
    assertEquals(
        map(sharded.podTemplate(), "spec").get("serviceAccountName"),
        maps(binding.get("subjects")).get(0).get("name"));

    // the mapped resources are granted as without sharding
    Map<String, Set<String>> expected = new TreeMap<>(HelmChartTest.grantedAccess(single));
    expected
        .computeIfAbsent(HelmChartTest.NAMESPACE, n -> new TreeSet<>())
        .add("apps/statefulsets");
    assertEquals(expected, HelmChartTest.grantedAccess(sharded));
  }

  @Test
  void bothMonitorsScrapeEveryShard() throws Exception {
    HelmChartTest.Rendered r = chart.render(SHARDED);
    Map<String, String> podLabels = r.podLabels();
    Map<String, String> selector =
        stringMap(map(map(r.one("ServiceMonitor"), "spec"), "selector").get("matchLabels"));
    assertTrue(
        stringMap(map(r.one("Service"), "metadata").get("labels"))
            .entrySet()
            .containsAll(selector.entrySet()));
    // the Service selects every pod of the StatefulSet, not one ordinal
    assertFalse(
        stringMap(map(r.one("Service"), "spec").get("selector"))
            .containsKey("statefulset.kubernetes.io/pod-name"));
    HelmChartTest.Rendered pods =
        chart.render("sharding: {enabled: true}\npodMonitor: {enabled: true}\n");
    assertEquals(2, map(pods.one("StatefulSet"), "spec").get("replicas"));
    assertTrue(
        podLabels
            .entrySet()
            .containsAll(
                stringMap(map(map(pods.one("PodMonitor"), "spec"), "selector").get("matchLabels"))
                    .entrySet()));
  }

  @Test
  void lintsCleanlyWithShardingOn() throws Exception {
    Path copy = tmp.resolve("chart");
    HelmChartTest.copyTree(HelmChartTest.CHART, copy);
    Path values = copy.resolve("values.yaml");
    Files.writeString(
        values,
        Files.readString(values)
            .replace("sharding:\n  enabled: false", "sharding:\n  enabled: true"));
    assertTrue(Files.readString(values).contains("sharding:\n  enabled: true"));
    LintResult result = new Helm(copy).lint().strict().call();
    assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
  }
}

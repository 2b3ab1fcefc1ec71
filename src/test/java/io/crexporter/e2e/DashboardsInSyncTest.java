package io.crexporter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart ships copies of {@code dashboards/} (as ConfigMaps for the Grafana sidecar); they
 * must be byte for byte the same as the originals. hack/sync-chart.sh copies them. The dashboards
 * also follow the conventions every panel relies on: a {@code datasource} variable used by every
 * query, stable unique uids, and namespace and name variables on the dashboards of custom
 * resources.
 */
class DashboardsInSyncTest {

  static final Path DASHBOARDS = Path.of("dashboards");
  static final Path CHART_COPIES = Path.of("charts/custom-resource-exporter/dashboards");
  static final List<String> EXPECTED =
      List.of(
          "exporter-health.json",
          "flux.json",
          "kpack.json",
          "kubevirt.json",
          "supply-chain-overview.json",
          "tekton.json");

  @Test
  void chartCopiesAreIdenticalToTheDashboards() throws IOException {
    assertEquals(EXPECTED, jsonFiles(DASHBOARDS), "dashboards/");
    assertEquals(
        jsonFiles(DASHBOARDS),
        jsonFiles(CHART_COPIES),
        "the chart's dashboards differ from dashboards/: run hack/sync-chart.sh");
    for (String name : jsonFiles(DASHBOARDS)) {
      assertEquals(
          Files.readString(DASHBOARDS.resolve(name)),
          Files.readString(CHART_COPIES.resolve(name)),
          CHART_COPIES.resolve(name)
              + " differs from dashboards/"
              + name
              + ": run hack/sync-chart.sh");
    }
  }

  @Test
  void everyDashboardFollowsTheConventions() throws IOException {
    Set<String> uids = new HashSet<>();
    for (String name : jsonFiles(DASHBOARDS)) {
      DocumentContext json = JsonPath.parse(Files.readString(DASHBOARDS.resolve(name)));
      String uid = json.read("$.uid");
      assertTrue(uid.matches("cre-[a-z0-9-]{1,36}"), name + ": uid " + uid);
      assertTrue(uids.add(uid), name + ": duplicate uid " + uid);
      assertFalse(((String) json.read("$.title")).isBlank(), name + ": title");
      List<String> tags = json.read("$.tags");
      assertTrue(tags.contains("custom-resource-exporter"), name + ": tags " + tags);
      assertTrue(((Integer) json.read("$.schemaVersion")) >= 36, name + ": schemaVersion");

      List<Map<String, Object>> variables = json.read("$.templating.list");
      Map<String, Object> datasource =
          variables.stream().filter(v -> "datasource".equals(v.get("name"))).findFirst().get();
      assertEquals("datasource", datasource.get("type"), name);
      assertEquals("prometheus", datasource.get("query"), name);
      List<String> names = variables.stream().map(v -> (String) v.get("name")).toList();
      List<String> wanted =
          name.equals("exporter-health.json")
              ? List.of("datasource", "job", "namespace", "kind")
              : List.of("datasource", "namespace", "name");
      assertEquals(wanted, names, name + ": variables");
      for (Map<String, Object> variable : variables) {
        if ("query".equals(variable.get("type"))) {
          assertEquals(
              Map.of("type", "prometheus", "uid", "${datasource}"), variable.get("datasource"));
          assertEquals(true, variable.get("multi"), name + ": " + variable.get("name"));
          assertEquals(true, variable.get("includeAll"), name + ": " + variable.get("name"));
          assertEquals(".*", variable.get("allValue"), name + ": " + variable.get("name"));
        }
      }

      List<Map<String, Object>> panels = json.read("$.panels[?(@.type != 'row')]");
      assertTrue(panels.size() >= 8, name + ": only " + panels.size() + " panels");
      Set<Object> ids = new HashSet<>();
      for (Map<String, Object> panel : panels) {
        String where = name + " / " + panel.get("title");
        assertTrue(ids.add(panel.get("id")), where + ": duplicate panel id");
        assertEquals(
            Map.of("type", "prometheus", "uid", "${datasource}"), panel.get("datasource"), where);
        List<?> targets = (List<?>) panel.get("targets");
        assertFalse(targets.isEmpty(), where + ": no targets");
        for (Object target : targets) {
          Map<?, ?> t = (Map<?, ?>) target;
          assertEquals(
              Map.of("type", "prometheus", "uid", "${datasource}"), t.get("datasource"), where);
          assertFalse(((String) t.get("expr")).isBlank(), where + ": empty expr");
        }
      }
    }
  }

  static List<String> jsonFiles(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return new ArrayList<>(
          files
              .map(f -> f.getFileName().toString())
              .filter(f -> f.endsWith(".json"))
              .sorted()
              .toList());
    }
  }
}
